// Browser test of the web UI against a really started system (issue 13, part 5), in headless
// Debian Chromium driven by playwright-core (which never downloads a browser of its own).
//
//   AIGW_UI_URL        where the UI is served, e.g. http://127.0.0.1:8080/
//   AIGW_ADMIN_KEY     the bootstrap admin key
//   AIGW_GATEWAY_URL   the gateway, e.g. http://127.0.0.1:8081 (the echo plugin at /plugins/echo)
//   AIGW_SCREENSHOTS   folder for a screenshot of each main page [target/ui-screenshots]
//   CHROMIUM           the browser [/usr/bin/chromium]
//
// Admin signs in, creates a user, an LLM, a catalogue, knowledge-base instances and a group that
// gets them; the user signs in, creates an App picking instances through the plugin's Web
// Component, hits the privacy rule and sees its message, fixes it, saves, issues a token that
// works at the gateway; the user's submission, approved by the admin, becomes selectable.
// Exits 0 when every step passed, 1 with the failing step otherwise.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') {
    console.error(`ui-flows: ${name} must be set`);
    process.exit(2);
  }
  return v;
};

const UI = env('AIGW_UI_URL').replace(/\/?$/, '/');
const ADMIN_KEY = env('AIGW_ADMIN_KEY');
const GATEWAY = env('AIGW_GATEWAY_URL').replace(/\/$/, '');
const SHOTS = resolve(env('AIGW_SCREENSHOTS', 'target/ui-screenshots'));
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const API = new URL('/api/v1', UI).toString();
const RUN = Date.now().toString(36);
const KB = 'knowledge_bases';

if (!existsSync(CHROMIUM)) {
  console.error(`ui-flows: no Chromium at ${CHROMIUM}; install Debian's 'chromium' package (apt-get install -y chromium)`);
  process.exit(3);
}
mkdirSync(SHOTS, { recursive: true });

let step = 'starting';
const log = (msg) => console.log(`[ui-flows] ${msg}`);
const begin = (name) => {
  step = name;
  log(`step: ${name}`);
};

/** The API as the admin, with the key: only to check what the UI did, never to do it. */
async function adminApi(path) {
  const res = await fetch(API + path, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function gatewayGet(path, token) {
  const res = await fetch(GATEWAY + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

async function eventually(what, check, ms = 60000) {
  const until = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? ': ' + last.message : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until the locator's text matches. */
async function textMatches(locator, pattern, what) {
  await locator.first().waitFor();
  return eventually(what || `text ${pattern}`, async () => {
    const text = await locator.first().innerText();
    return pattern.test(text) ? text : null;
  });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  // Playwright gives every launch a new empty --user-data-dir of its own.
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
  ],
});

const pages = [];

async function newPage(who) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000); // generous: a loaded 2-core CI box is slow, never wrong
  page.on('pageerror', (e) => log(`${who} page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text())) log(`${who} console: ${m.text()}`);
  });
  pages.push(page);
  return page;
}

async function shot(page, name) {
  await page.waitForTimeout(150); // let a just-loaded list paint
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function go(page, route) {
  await page.goto(UI + '#' + route);
  await page.locator('main.content h1').first().waitFor();
  await page.locator('main.content .loading').first().waitFor({ state: 'detached' }).catch(() => {});
}

async function signIn(page, key) {
  await page.goto(UI);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
}

/** Ticks the checkbox whose label holds `text` inside `scope`. */
async function tick(scope, text, on = true) {
  const box = scope.locator('label', { hasText: text }).locator('input[type=checkbox]').first();
  if (on) await box.check();
  else await box.uncheck();
}

/** The plugin's Web Component for the knowledge bases in the App form. */
async function kbComponent(page) {
  const types = await adminApi('/plugin-resource-types');
  const kb = types.find((t) => t.slug === KB);
  if (!kb) throw new Error(`no '${KB}' resource type is registered`);
  if (!kb.form_component) throw new Error(`the '${KB}' type has no form_component: nothing to test the Web Component with`);
  const section = page.locator(`section.plugin-resource[data-type="${KB}"]`);
  const element = section.locator(kb.form_component.tag);
  await element.waitFor();
  return { section, element };
}

/** Selects or deselects an instance by name through the plugin's own component. */
async function pickInComponent(component, name, on = true) {
  const label = component.element.locator('label', { hasText: name }).first();
  await label.waitFor();
  const box = label.locator('input[type=checkbox]');
  if ((await box.count()) > 0) {
    if (on) await box.first().check();
    else await box.first().uncheck();
  } else {
    await label.click();
  }
}

try {
  const admin = await newPage('admin');

  begin('the sign-in page refuses a wrong key with the API message');
  await admin.goto(UI);
  await shot(admin, '01-sign-in');
  await admin.getByLabel('API key').fill('not-a-key');
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await textMatches(admin.getByRole('alert'), /.+/, 'the sign-in error');

  begin('admin signs in');
  await signIn(admin, ADMIN_KEY);
  await textMatches(admin.getByTestId('whoami'), /admin/);

  begin('admin sees the plugins with their status');
  await go(admin, '/admin/plugins');
  await textMatches(admin.locator('table'), /Knowledge Bases/);
  await shot(admin, '02-admin-plugins');
  const plugins = await adminApi('/plugins');
  const kbPlugin = plugins.find((p) => p.name === 'Knowledge Bases' || p.command?.includes('knowledge-bases'));
  if (!kbPlugin) throw new Error('the knowledge-bases plugin is not registered');
  await go(admin, `/admin/plugins/${kbPlugin.id}`);
  await admin.getByRole('heading', { name: 'Config' }).waitFor();
  await shot(admin, '03-admin-plugin-detail');

  begin('the echo plugin\'s config form changes what it serves');
  const echo = plugins.find((p) => p.status?.slug === 'echo');
  if (echo) {
    await go(admin, `/admin/plugins/${echo.id}`);
    const form = admin.getByRole('form', { name: 'Plugin config' });
    await form.waitFor();
    const content = `Served by the UI test ${RUN}`;
    const field = form.locator('[name="custom_content"]');
    if ((await field.count()) > 0) {
      await field.fill(content);
    } else {
      log('echo declares no config schema: editing custom_content as a key/value row');
      await form.getByLabel('Value of custom_content').fill(content);
    }
    await form.getByRole('button', { name: 'Save config' }).click();
    await textMatches(admin.getByRole('status').filter({ hasText: 'Config saved' }), /Config saved/);
    await eventually('the echo plugin serving the new content', async () => (await gatewayGet('/plugins/echo/public')).text.includes(content));
  } else {
    throw new Error('the echo plugin is not serving /plugins/echo');
  }

  begin('admin creates a user and sees the API key once');
  const aliceEmail = `alice-${RUN}@example.com`;
  await go(admin, '/admin/users');
  await admin.getByRole('button', { name: 'New user' }).click();
  const userForm = admin.getByRole('form', { name: 'New user' });
  await userForm.getByLabel('Email').fill(aliceEmail);
  await userForm.getByLabel('Name').fill('Alice');
  await userForm.getByRole('button', { name: 'Create user' }).click();
  const aliceKey = (await admin.getByTestId('secret-value').innerText()).trim();
  if (!aliceKey) throw new Error('no API key shown for the new user');
  await textMatches(admin.locator('table'), new RegExp(aliceEmail.replace(/[.]/g, '\\.')));
  await shot(admin, '04-admin-users');

  begin('admin creates an LLM with privacy score 60');
  await go(admin, '/admin/llms');
  await admin.getByRole('button', { name: 'New LLM' }).click();
  const llmForm = admin.getByRole('form', { name: 'New LLM' });
  await llmForm.getByLabel('Name').fill(`eu-model-${RUN}`);
  await llmForm.getByLabel('Vendor').fill('acme');
  await llmForm.getByLabel('Privacy score').fill('60');
  await llmForm.getByRole('button', { name: 'Save' }).click();
  await textMatches(admin.locator('table'), new RegExp(`eu-model-${RUN}`));
  await shot(admin, '05-admin-llms');

  begin('admin creates an LLM catalogue holding it');
  await go(admin, '/admin/catalogues/llm');
  await admin.getByRole('button', { name: 'New catalogue' }).click();
  const catForm = admin.getByRole('form', { name: 'New catalogue' });
  await catForm.getByLabel('Name').fill(`models-${RUN}`);
  await tick(catForm, `eu-model-${RUN}`);
  await catForm.getByRole('button', { name: 'Save' }).click();
  await textMatches(admin.locator('table'), new RegExp(`models-${RUN}`));
  await shot(admin, '06-admin-catalogues');
  for (const kind of ['datasources', 'tools']) {
    await go(admin, `/admin/${kind}`);
    await shot(admin, `06-admin-${kind}`);
  }

  begin('admin creates knowledge-base instances through the plugin');
  await go(admin, '/resources');
  const kbCard = admin.locator(`section[data-type="${KB}"]`);
  const created = {};
  for (const [name, score] of [[`Team Wiki ${RUN}`, 40], [`HR Records ${RUN}`, 90], [`Board Minutes ${RUN}`, 30]]) {
    await kbCard.getByRole('button', { name: 'New instance' }).click();
    const f = kbCard.getByRole('form');
    await f.getByLabel(/Payload/).fill(JSON.stringify({ name, description: 'made by the UI test', privacy_score: score }));
    await f.getByRole('button', { name: 'Create' }).click();
    const notice = await textMatches(kbCard.getByRole('status'), new RegExp(`Created ${name}`));
    created[name.split(' ')[0]] = notice.match(/\(([^)]+)\)/)[1];
  }
  await textMatches(kbCard.locator('table'), new RegExp(`Board Minutes ${RUN}`));
  await shot(admin, '07-plugin-resources');

  begin('the plugin\'s own admin page shows what it keeps, through its RPC');
  await go(admin, `/admin/plugins/${kbPlugin.id}`);
  await admin.getByRole('region', { name: 'Plugin pages' }).getByRole('link').first().click();
  const kbCount = admin.locator('main.content td[data-stat="Knowledge bases"]');
  const count = await textMatches(kbCount, /^\d+$/, 'the plugin page\'s count of knowledge bases');
  if (Number(count) < 3) throw new Error(`the plugin page counts ${count} knowledge bases`);
  await shot(admin, '07-plugin-admin-page');

  begin('admin creates a group, adds the user, grants the catalogue and two instances');
  await go(admin, '/admin/groups');
  await admin.getByRole('button', { name: 'New group' }).click();
  const groupForm = admin.getByRole('form', { name: 'New group' });
  await groupForm.getByLabel('Name').fill(`research-${RUN}`);
  await groupForm.getByRole('button', { name: 'Create group' }).click();
  await textMatches(admin.locator('main.content h1'), new RegExp(`Group: research-${RUN}`));
  const groupId = admin.url().match(/groups\/(\d+)/)[1];
  const members = admin.getByRole('region', { name: 'Members' });
  await members.getByLabel('Add member').selectOption({ label: aliceEmail });
  await members.getByRole('button', { name: 'Add', exact: true }).click();
  await textMatches(members.locator('ul'), new RegExp(aliceEmail.replace(/[.]/g, '\\.')));
  const cats = admin.getByRole('region', { name: 'Catalogues' });
  await tick(cats.locator('fieldset[data-name="llm_catalogue_ids"]'), `models-${RUN}`);
  await cats.getByRole('button', { name: 'Save catalogues' }).click();
  await textMatches(cats.getByRole('status'), /Catalogues saved/);
  const grants = admin.getByRole('region', { name: 'Plugin Resources' });
  const kbGrants = grants.locator(`fieldset[data-name="${KB}"]`);
  await tick(kbGrants, `Team Wiki ${RUN}`);
  await tick(kbGrants, `HR Records ${RUN}`);
  await grants.getByRole('button', { name: 'Save plugin resources' }).click();
  await textMatches(grants.getByRole('status'), /Plugin resources saved/);
  const stored = await adminApi(`/groups/${groupId}/plugin-resources`);
  const storedIds = stored.resources.flatMap((r) => r.instance_ids).sort();
  if (JSON.stringify(storedIds) !== JSON.stringify([created.HR, created.Team].sort())) {
    throw new Error(`the group's grants are ${JSON.stringify(stored)}`);
  }
  await shot(admin, '08-admin-group');
  await go(admin, '/admin/groups');
  await shot(admin, '09-admin-groups');

  const alice = await newPage('alice');

  begin('the user signs in and is refused admin pages by the API');
  await signIn(alice, aliceKey);
  await go(alice, '/admin/users');
  await textMatches(alice.getByRole('alert'), /forbidden|admin/i, 'the API refusing a user the user list');
  await go(alice, '/apps');
  await shot(alice, '10-user-apps-empty');

  begin('the user creates an App picking through the Web Component and hits the privacy rule');
  await go(alice, '/apps/new');
  const appForm = alice.getByRole('form', { name: 'New App' });
  await appForm.getByLabel('Name', { exact: true }).fill(`assistant-${RUN}`);
  await tick(appForm.locator('fieldset[data-name="llm_ids"]'), `eu-model-${RUN}`);
  const component = await kbComponent(alice);
  await textMatches(component.element, new RegExp(`Team Wiki ${RUN}`), 'the component listing the granted instances');
  const offered = await component.element.innerText();
  if (offered.includes(`Board Minutes ${RUN}`)) throw new Error('the component offers an instance the user was not granted');
  await pickInComponent(component, `HR Records ${RUN}`);
  await textMatches(alice.getByTestId(`selected-${KB}`), new RegExp(created.HR), 'the selection-change reaching the form');
  await appForm.getByRole('button', { name: 'Create App' }).click();
  const refusal = await textMatches(appForm.getByRole('alert'), /privacy rule/i, 'the privacy-rule message');
  if (!/90/.test(refusal) || !/60/.test(refusal)) throw new Error(`the message does not name the scores: ${refusal}`);
  log(`the App form shows: ${refusal.replace(/\s+/g, ' ')}`);
  await shot(alice, '11-user-app-privacy-rule');

  begin('the user fixes the selection and saves');
  await pickInComponent(component, `HR Records ${RUN}`, false);
  await pickInComponent(component, `Team Wiki ${RUN}`);
  await textMatches(alice.getByTestId(`selected-${KB}`), new RegExp(`Selected: ${created.Team}$`));
  await appForm.getByRole('button', { name: 'Create App' }).click();
  await textMatches(alice.locator('main.content h1'), new RegExp(`App: assistant-${RUN}`));
  const appId = alice.url().match(/apps\/(\d+)/)[1];
  await textMatches(alice.getByRole('region', { name: 'About' }), new RegExp(`Team Wiki ${RUN}`));

  begin('the user issues a token, shown once, and it works at the gateway');
  const tokens = alice.getByRole('region', { name: 'Tokens' });
  await tokens.getByRole('button', { name: 'Issue token' }).click();
  const token = (await tokens.getByTestId('secret-value').innerText()).trim();
  await shot(alice, '12-user-app-token');
  const seen = await eventually('the gateway accepting the token', async () => {
    const r = await gatewayGet('/plugins/echo/hello', token);
    return r.status === 200 ? r : null;
  });
  const resources = JSON.stringify(seen.json?.app?.plugin_resources ?? seen.json);
  if (!resources.includes(created.Team)) throw new Error(`the gateway's App lacks the Team Wiki: ${resources}`);
  if ((await gatewayGet('/plugins/echo/hello', 'not-a-token')).status !== 401) throw new Error('the gateway accepts a bad token');

  begin('the user proposes a knowledge base');
  await go(alice, '/submissions');
  await alice.getByRole('button', { name: 'Propose a resource' }).click();
  const sub = alice.getByRole('form', { name: 'Propose a resource' });
  await sub.getByLabel('Resource type').selectOption({ label: 'Knowledge Bases' });
  await sub.getByLabel('Name', { exact: true }).fill(`Onboarding Guide ${RUN}`);
  await sub.getByLabel('Additional fields (JSON)').fill('{"documents": 12}');
  await sub.getByLabel('Suggested privacy score').fill('20');
  await sub.getByLabel('Notes for the reviewer').fill('for new hires');
  await sub.getByRole('button', { name: 'Submit' }).click();
  await textMatches(alice.getByRole('status').filter({ hasText: 'sent for review' }), /sent for review/);
  await textMatches(alice.locator('article.submission').first(), /pending/);
  await shot(alice, '13-user-submissions');

  begin('the admin approves it');
  await go(admin, '/submissions');
  const pending = admin.locator('article.submission', { hasText: `Onboarding Guide ${RUN}` });
  await pending.waitFor();
  await shot(admin, '14-admin-submissions-review');
  await pending.getByLabel('Privacy score').fill('20');
  await pending.getByRole('button', { name: 'Approve' }).click();
  await textMatches(admin.getByRole('status').filter({ hasText: 'approved' }), /approved/);
  const approved = (await adminApi('/submissions?status=approved')).find((s) => s.resource_payload?.name === `Onboarding Guide ${RUN}`);
  if (!approved?.created_instance_id) throw new Error('the approved submission has no created instance');

  begin('the admin grants the new instance to the group');
  await go(admin, `/admin/groups/${groupId}`);
  const grants2 = admin.getByRole('region', { name: 'Plugin Resources' });
  await tick(grants2.locator(`fieldset[data-name="${KB}"]`), `Onboarding Guide ${RUN}`);
  await grants2.getByRole('button', { name: 'Save plugin resources' }).click();
  await textMatches(grants2.getByRole('status'), /Plugin resources saved/);

  begin('the approved instance is selectable in the App and reaches the gateway');
  await go(alice, `/apps/${appId}/edit`);
  const editForm = alice.getByRole('form', { name: 'Edit App' });
  const component2 = await kbComponent(alice);
  await textMatches(component2.element, new RegExp(`Onboarding Guide ${RUN}`), 'the approved instance offered');
  await pickInComponent(component2, `Onboarding Guide ${RUN}`);
  await textMatches(alice.getByTestId(`selected-${KB}`), new RegExp(approved.created_instance_id));
  await shot(alice, '15-user-app-edit');
  await editForm.getByRole('button', { name: 'Save App' }).click();
  await textMatches(alice.getByRole('region', { name: 'About' }), new RegExp(`Onboarding Guide ${RUN}`));
  await eventually('the gateway showing the approved instance', async () =>
    JSON.stringify((await gatewayGet('/plugins/echo/hello', token)).json ?? '').includes(approved.created_instance_id),
  );

  begin('the user revokes the token and the gateway refuses it');
  const tokens2 = alice.getByRole('region', { name: 'Tokens' });
  await tokens2.getByRole('button', { name: 'Revoke' }).click();
  await tokens2.getByRole('button', { name: 'Yes' }).click();
  await textMatches(tokens2.locator('table'), /revoked/);
  const afterRevoke = await gatewayGet('/plugins/echo/hello', token);
  if (afterRevoke.status !== 401) throw new Error(`the revoked token answers ${afterRevoke.status}`);

  begin('the user signs out');
  await alice.getByRole('button', { name: 'Sign out' }).click();
  await alice.getByLabel('API key').waitFor();
  await alice.goto(UI + '#/apps');
  await alice.getByLabel('API key').waitFor();

  begin('a user the admin disables is signed out at their next step');
  await signIn(alice, aliceKey);
  await go(admin, '/admin/users');
  await admin.locator('tr', { hasText: aliceEmail }).getByRole('button', { name: 'Edit' }).click();
  const editUser = admin.getByRole('form', { name: 'Edit user' });
  await editUser.getByLabel('Active').uncheck();
  await editUser.getByRole('button', { name: 'Save' }).click();
  await textMatches(admin.locator('tr', { hasText: aliceEmail }), /disabled/);
  await alice.goto(UI + '#/submissions');
  await alice.getByLabel('API key').waitFor();
  await textMatches(alice.getByRole('status').filter({ hasText: 'session ended' }), /session ended/);
  await alice.getByLabel('API key').fill(aliceKey);
  await alice.getByRole('button', { name: 'Sign in' }).click();
  await textMatches(alice.getByRole('alert'), /.+/, 'the disabled user refused at sign-in');

  log('all steps passed');
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`[ui-flows] FAILED at step '${step}': ${e.stack || e.message}`);
  for (const [i, p] of pages.entries()) {
    await p.screenshot({ path: join(SHOTS, `failure-${i}.png`), fullPage: true }).catch(() => {});
  }
  await browser.close().catch(() => {});
  process.exit(1);
}
