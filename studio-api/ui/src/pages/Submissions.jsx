import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { useSession } from '../session.js';
import {
  Async, Badge, Empty, ErrorMessage, Field, Notice, NumberField, PageHeader, TextField, formatTime, useAction, useId,
  useLoad,
} from '../components/ui.jsx';

function NewSubmission({ types, onSubmitted, onCancel }) {
  const open = types.filter((t) => t.supports_submissions);
  const [typeId, setTypeId] = useState(open[0]?.id ?? '');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [extra, setExtra] = useState('{}');
  const [score, setScore] = useState(null);
  const [notes, setNotes] = useState('');
  const action = useAction();
  const typeSelect = useId();
  const type = open.find((t) => String(t.id) === String(typeId));
  if (open.length === 0) {
    return (
      <div class="card">
        <Empty>No resource type accepts submissions right now.</Empty>
        <button type="button" onClick={onCancel}>
          Close
        </button>
      </div>
    );
  }
  return (
    <form
      class="card form"
      aria-label="Propose a resource"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(async () => {
          let fields;
          try {
            fields = extra.trim() ? JSON.parse(extra) : {};
          } catch (err) {
            throw new Error(`Additional fields must be a JSON object: ${err.message}`);
          }
          if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
            throw new Error('Additional fields must be a JSON object');
          }
          const payload = { ...fields, name };
          if (description) payload.description = description;
          const body = { resource_type: 'plugin', plugin_resource_type_id: Number(typeId), resource_payload: payload, notes };
          if (score !== null && type?.has_privacy_score) body.suggested_privacy_score = score;
          onSubmitted(await post('/submissions', body));
        });
      }}
    >
      <h2>Propose a resource</h2>
      <p class="muted">An admin reviews it; once approved the plugin creates it and it can be granted to groups.</p>
      <Field label="Resource type" id={typeSelect}>
        <select id={typeSelect} value={typeId} onChange={(e) => setTypeId(e.currentTarget.value)}>
          {open.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      {type?.description && <p class="muted small">{type.description}</p>}
      <TextField label="Name" value={name} onInput={setName} required />
      <TextField label="Description" value={description} onInput={setDescription} />
      <TextField
        label="Additional fields (JSON)"
        value={extra}
        onInput={setExtra}
        textarea
        hint="Plugin-defined fields of the resource, e.g. {&quot;documents&quot;: 12}"
      />
      {type?.has_privacy_score && (
        <NumberField label="Suggested privacy score" value={score} onInput={setScore} min={0} max={100} hint="0–100; the admin sets the final score" />
      )}
      <TextField label="Notes for the reviewer" value={notes} onInput={setNotes} textarea />
      <ErrorMessage error={action.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={action.busy || !name.trim()}>
          {action.busy ? 'Submitting…' : 'Submit'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Review({ submission, type, onDecided }) {
  const [score, setScore] = useState(submission.suggested_privacy_score);
  const [reason, setReason] = useState('');
  const approve = useAction();
  const reject = useAction();
  const needsScore = type ? type.has_privacy_score : true;
  return (
    <div class="review" aria-label={`Review submission ${submission.id}`}>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          approve.run(async () => {
            await post(`/submissions/${submission.id}/approve`, needsScore || score !== null ? { privacy_score: score } : {});
            onDecided(`Submission ${submission.id} approved`);
          });
        }}
      >
        {needsScore && <NumberField label="Privacy score" value={score} onInput={setScore} min={0} max={100} />}
        <button type="submit" class="primary" disabled={approve.busy}>
          Approve
        </button>
      </form>
      <ErrorMessage error={approve.error} />
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          reject.run(async () => {
            await post(`/submissions/${submission.id}/reject`, { reason });
            onDecided(`Submission ${submission.id} rejected`);
          });
        }}
      >
        <TextField label="Reason" value={reason} onInput={setReason} />
        <button type="submit" class="danger" disabled={reject.busy}>
          Reject
        </button>
      </form>
      <ErrorMessage error={reject.error} />
    </div>
  );
}

const STATUS_KIND = { pending: 'warn', approved: 'ok', rejected: 'bad' };

export function SubmissionsPage() {
  const { user } = useSession();
  const [status, setStatus] = useState(user.is_admin ? 'pending' : '');
  const data = useLoad(async () => {
    const [submissions, types, users] = await Promise.all([
      get('/submissions' + (status ? `?status=${status}` : '')),
      get('/plugin-resource-types'),
      user.is_admin ? get('/users') : Promise.resolve([user]),
    ]);
    return { submissions, types, users };
  }, [status]);
  const [proposing, setProposing] = useState(false);
  const [done, setDone] = useState(null);
  const filterId = useId();
  return (
    <div>
      <PageHeader title={user.is_admin ? 'Submissions review' : 'My submissions'}>
        <button type="button" class="primary" onClick={() => setProposing(true)}>
          Propose a resource
        </button>
      </PageHeader>
      {done && <Notice onClose={() => setDone(null)}>{done}</Notice>}
      {proposing && data.data && (
        <NewSubmission
          types={data.data.types}
          onCancel={() => setProposing(false)}
          onSubmitted={(s) => {
            setProposing(false);
            setDone(`Submission ${s.id} sent for review`);
            data.reload();
          }}
        />
      )}
      <div class="row filter">
        <label for={filterId}>Status</label>
        <select id={filterId} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          <option value="">all</option>
          <option value="pending">pending</option>
          <option value="approved">approved</option>
          <option value="rejected">rejected</option>
        </select>
      </div>
      <Async state={data} what="submissions">
        {({ submissions, types, users }) => {
          const typeById = new Map(types.map((t) => [t.id, t]));
          const email = new Map(users.map((u) => [u.id, u.email]));
          return submissions.length === 0 ? (
            <Empty>No {status || ''} submissions.</Empty>
          ) : (
            <div class="stack">
              {submissions.map((s) => {
                const type = typeById.get(s.plugin_resource_type_id);
                return (
                  <article class="card submission" key={s.id} data-submission={s.id}>
                    <header class="row">
                      <strong>
                        #{s.id} {s.resource_payload?.name || '(no name)'}
                      </strong>
                      <Badge kind={STATUS_KIND[s.status]}>{s.status}</Badge>
                      <span class="muted small">
                        {type ? type.name : s.resource_type_slug} · by {email.get(s.submitter_id) || `user ${s.submitter_id}`} ·{' '}
                        {formatTime(s.created_at)}
                      </span>
                    </header>
                    <dl class="facts">
                      {s.suggested_privacy_score !== null && (
                        <>
                          <dt>Suggested privacy score</dt>
                          <dd>{s.suggested_privacy_score}</dd>
                        </>
                      )}
                      {s.notes && (
                        <>
                          <dt>Notes</dt>
                          <dd>{s.notes}</dd>
                        </>
                      )}
                      <dt>Payload</dt>
                      <dd>
                        <pre class="json">{JSON.stringify(s.resource_payload, null, 2)}</pre>
                      </dd>
                      {s.status === 'approved' && (
                        <>
                          <dt>Created</dt>
                          <dd>
                            instance <code>{s.created_instance_id}</code>
                            {s.approved_privacy_score !== null && ` with privacy score ${s.approved_privacy_score}`}
                          </dd>
                        </>
                      )}
                      {s.status === 'rejected' && (
                        <>
                          <dt>Reason</dt>
                          <dd>{s.rejection_reason || <span class="muted">none given</span>}</dd>
                        </>
                      )}
                    </dl>
                    {user.is_admin && s.status === 'pending' && (
                      <Review
                        submission={s}
                        type={type}
                        onDecided={(m) => {
                          setDone(m);
                          data.reload();
                        }}
                      />
                    )}
                  </article>
                );
              })}
            </div>
          );
        }}
      </Async>
    </div>
  );
}
