'use strict';
// Contract tests generated from openapi.json: every documented operation answers a
// documented status (or 501 until implemented), secured ones refuse a missing token,
// and the service reports healthy. Run with `npm test` (node --test).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createApp, HEALTH_PATH, METRICS_PATH } = require('../src/app');

const contract = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'openapi.json'), 'utf8'));
const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const NOT_IMPLEMENTED = 501;
const operations = Object.entries(contract.paths).flatMap(([route, item]) =>
  VERBS.filter((verb) => item[verb]).map((verb) => ({ verb, route, op: item[verb] })),
);
const concrete = (route) =>
  route
    .split('/')
    .map((part) => (part.startsWith('{') ? 'sample' : part))
    .join('/');

let server;
let base;
before(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

async function call(verb, route, op, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = 'Bearer contract-test';
  const init = { method: verb.toUpperCase(), headers };
  if (op.requestBody) init.body = '{}';
  return fetch(base + concrete(route), init);
}

for (const { verb, route, op } of operations) {
  test(`${op.operationId} answers a documented status`, async () => {
    const response = await call(verb, route, op, true);
    const allowed = new Set(Object.keys(op.responses).map(Number));
    allowed.add(NOT_IMPLEMENTED);
    assert.ok(allowed.has(response.status), `${op.operationId}: status ${response.status}`);
  });
  if (op.security) {
    test(`${op.operationId} refuses a missing token`, async () => {
      const response = await call(verb, route, op, false);
      assert.equal(response.status, 401);
    });
  }
}

test('health check', async () => {
  const response = await fetch(base + HEALTH_PATH);
  assert.equal(response.status, 200);
  assert.equal((await response.json()).status, 'ok');
});

test('metrics count requests', async () => {
  await fetch(base + HEALTH_PATH);
  const text = await (await fetch(base + METRICS_PATH)).text();
  assert.match(text, /http_requests_total/);
});
