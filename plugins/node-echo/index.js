'use strict';
// An external AI gateway plugin in Node.js, written from docs/plugin-protocol.md and plugin.proto
// alone (no Java): the proto is loaded at run time. It echoes requests as JSON, streams SSE events,
// and records its lifecycle so tests can see what the gateway did to it.
//
// Config (Initialize): slug, custom_content (served at /public), events_file (optional: a file the
// plugin appends one line per lifecycle event to: initialize, stream-done, stream-cancelled, shutdown).
//
// `--break=chunk-order` or `--break=no-exit` make it violate the contract on purpose (the conformance
// checker's tests use them); never in a real deployment.

const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const MAGIC_COOKIE = '7c3e1f0a-aigw-plugin-d94b2e65';
const PROTOCOL_VERSION = 1;
const VERSION = require('./package.json').version;
const env = process.env;
const breakArg = process.argv.find((a) => a.startsWith('--break='));
const misbehave = breakArg ? breakArg.slice('--break='.length) : '';

if (env.AIGW_PLUGIN_MAGIC_COOKIE !== MAGIC_COOKIE) {
  console.error('This program is an AI gateway plugin: register it with command file://' + __dirname
    + '/node-echo-plugin; the gateway starts it. (AIGW_PLUGIN_MAGIC_COOKIE is not set as expected.)');
  process.exit(1);
}
const offered = (env.AIGW_PLUGIN_PROTOCOL_VERSIONS || '').split(',').map((v) => v.trim());
if (!offered.includes(String(PROTOCOL_VERSION))) {
  console.error(`the gateway speaks plugin protocol versions [${offered}]; this plugin speaks ${PROTOCOL_VERSION}`);
  process.exit(1);
}

const proto = grpc.loadPackageDefinition(protoLoader.loadSync(path.join(__dirname, 'plugin.proto'), {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
})).aigw.plugin.v1;

let config = {};
const stats = { streams_cancelled: 0, last_cancel_seen_at_ms: 0, streams_completed: 0, listening_on: '' };

function record(event) {
  if (config.events_file) {
    fs.appendFileSync(config.events_file, `${Date.now()} ${event}\n`);
  }
}

function params(queryString) {
  return new URLSearchParams(queryString || '');
}

function intParam(query, name, fallback) {
  const value = Number.parseInt(query.get(name) || '', 10);
  return Number.isFinite(value) ? value : fallback;
}

function jsonResponse(status, body, extraHeaders = []) {
  return {
    status_code: status,
    headers: [{ name: 'Content-Type', values: ['application/json'] }, ...extraHeaders],
    body: Buffer.from(JSON.stringify(body)),
  };
}

// An App's plugin resources as the gateway hands them over (instance metadata is the provider's
// opaque JSON, in bytes on the wire).
function pluginResource(association) {
  return {
    plugin_id: Number(association.plugin_id),
    resource_type_slug: association.resource_type_slug,
    instance_ids: association.instance_ids,
    instances: association.instances.map((i) => ({
      id: i.id,
      name: i.name,
      description: i.description,
      privacy_score: i.privacy_score,
      metadata: parseMetadata(i.metadata.toString('utf8')),
      is_active: i.is_active,
    })),
  };
}

function parseMetadata(text) {
  if (text === '') {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return text;
  }
}

function echo(request) {
  const headers = {};
  for (const header of request.headers) {
    headers[header.name] = (headers[header.name] || []).concat(header.values);
  }
  const app = request.app
    ? {
      id: request.app.id,
      name: request.app.name,
      metadata: request.app.metadata,
      plugin_resources: request.app.plugin_resources.map(pluginResource),
    }
    : null;
  const cookies = params(request.query_string).getAll('set_cookie');
  // one Header with several values: two Set-Cookie stay two
  const extra = cookies.length ? [{ name: 'Set-Cookie', values: cookies }] : [];
  return jsonResponse(200, {
    plugin: 'node-echo',
    method: request.method,
    path: request.path,
    relative_path: request.relative_path,
    path_segments: request.path_segments,
    query_string: request.query_string,
    headers,
    body_size: request.body.length,
    remote_addr: request.remote_addr,
    host: request.host,
    protocol: request.protocol,
    request_id: request.context ? request.context.request_id : '',
    authenticated: request.authenticated,
    app,
    scopes: request.scopes,
  }, extra);
}

let server;

const service = {
  Initialize(call, callback) {
    const version = call.request.protocol_version;
    if (version !== 0 && version !== PROTOCOL_VERSION) {
      callback({ code: grpc.status.FAILED_PRECONDITION,
        details: `this plugin speaks protocol version ${PROTOCOL_VERSION}, not ${version}` });
      return;
    }
    config = call.request.config;
    record('initialize');
    console.error(`node-echo ${VERSION} initialized as ${call.request.plugin_name}`);
    callback(null, { capabilities: ['custom_endpoint'], plugin_version: VERSION });
  },

  Ping(call, callback) {
    callback(null, {});
  },

  Shutdown(call, callback) {
    // The gateway sends SIGTERM and closes stdin right after this answer: clean up first.
    record('shutdown');
    callback(null, {});
    if (misbehave === 'no-exit') {
      return;
    }
    setImmediate(() => server.tryShutdown(() => process.exit(0)));
    setTimeout(() => process.exit(0), 2000).unref();
  },

  GetEndpointRegistrations(call, callback) {
    callback(null, {
      registrations: [
        { path: '/*', methods: ['GET', 'POST'], require_auth: true, description: 'Echoes the request as JSON' },
        { path: '/stream', methods: ['GET'], require_auth: true, stream_response: true,
          description: 'Server-Sent Events: count events, one every interval_ms' },
        { path: '/public', methods: ['GET'], description: 'The custom_content config value' },
        { path: '/stats', methods: ['GET'], description: 'Stream counters' },
      ],
    });
  },

  HandleEndpointRequest(call, callback) {
    const request = call.request;
    switch (request.relative_path) {
      case '/public':
        callback(null, { status_code: 200, headers: [{ name: 'Content-Type', values: ['text/plain'] }],
          body: Buffer.from(config.custom_content || 'Hello from the Node.js plugin') });
        return;
      case '/stats':
        callback(null, jsonResponse(200, stats));
        return;
      default:
        callback(null, echo(request));
    }
  },

  HandleEndpointRequestStream(call) {
    const query = params(call.request.query_string);
    const count = Math.min(intParam(query, 'count', 5), 100000);
    const intervalMs = Math.min(intParam(query, 'interval_ms', 1000), 60000);
    let sent = 0;
    let timer;
    let finished = false;
    call.on('cancelled', () => {
      if (finished) {
        return; // the gateway may reset the call once it has DONE, before reading the trailers
      }
      clearTimeout(timer);
      stats.streams_cancelled += 1;
      stats.last_cancel_seen_at_ms = Date.now();
      record('stream-cancelled');
    });
    const headers = { type: 'HEADERS', status_code: 200,
      headers: [{ name: 'Content-Type', values: ['text/event-stream'] },
        { name: 'Cache-Control', values: ['no-cache'] }] };
    const body = (data) => ({ type: 'BODY', data: Buffer.from(data) });
    if (misbehave === 'chunk-order') {
      call.write(body('data: before the headers\n\n'));
      call.write(headers);
      call.write({ type: 'DONE' });
      call.end();
      return;
    }
    const next = () => {
      if (call.cancelled) {
        return;
      }
      if (sent === count) {
        finished = true;
        call.write({ type: 'DONE' });
        call.end();
        stats.streams_completed += 1;
        record('stream-done');
        return;
      }
      sent += 1;
      const event = JSON.stringify({ count: sent, of: count, sent_at_ms: Date.now() });
      // flow control: when the gateway reads slower than we write, wait for it
      const roomLeft = call.write(body(`id: ${sent}\ndata: ${event}\n\n`));
      const delay = sent === count ? 0 : intervalMs;
      if (roomLeft) {
        timer = setTimeout(next, delay);
      } else {
        call.once('drain', () => { timer = setTimeout(next, delay); });
      }
    };
    call.write(headers);
    next();
  },
};

const maxMessageBytes = Number.parseInt(env.AIGW_PLUGIN_MAX_MESSAGE_BYTES || '', 10) || 2 * 1024 * 1024;
server = new grpc.Server({
  'grpc.max_receive_message_length': maxMessageBytes,
  'grpc.max_send_message_length': maxMessageBytes,
});
server.addService(proto.PluginService.service, service);

const unix = env.AIGW_PLUGIN_NETWORK === 'unix' && env.AIGW_PLUGIN_ADDRESS;
const target = unix ? `unix:${env.AIGW_PLUGIN_ADDRESS}`
  : (env.AIGW_PLUGIN_NETWORK === 'tcp' && env.AIGW_PLUGIN_ADDRESS) || '127.0.0.1:0';
server.bindAsync(target, grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(`cannot listen on ${target}: ${error.message}`);
    process.exit(1);
  }
  const address = unix ? env.AIGW_PLUGIN_ADDRESS : `${target.slice(0, target.lastIndexOf(':'))}:${port}`;
  stats.listening_on = `${unix ? 'unix' : 'tcp'} ${address}`;
  // the handshake: the first line on stdout, once the server listens
  process.stdout.write(`AIGW_PLUGIN|${PROTOCOL_VERSION}|${unix ? 'unix' : 'tcp'}|${address}\n`);
});

if (env.AIGW_PLUGIN_EXIT_ON_STDIN_EOF === '1' && misbehave !== 'no-exit') {
  // the gateway never writes to stdin; its end means the gateway is gone
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
process.on('SIGTERM', () => {
  if (misbehave === 'no-exit') {
    console.error('ignoring SIGTERM, as --break=no-exit asks');
    return;
  }
  process.exit(0);
});
