import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AnalysisPool } from './pool.js';
import { DEFAULT_BRANDS } from '../brands.js';
import { ACME, fixture } from '../test-helpers.js';

const init = { org: undefined, orgs: [ACME], brands: DEFAULT_BRANDS, auth: 'offline' as const };

void test('worker pool analyses in parallel and returns the same report as inline analysis', async () => {
  const pool = new AnalysisPool(2, init);
  try {
    const files = ['benign.eml', 'lookalike-spear.eml', 'extortion.eml'];
    const reports = await Promise.all(files.map((f) => pool.analyze(fs.readFileSync(fixture('own', f)), f, 0)));
    assert.deepEqual(reports.map((r) => r.file), files);
    assert.equal(reports[1]!.verdict, 'malicious');
    assert.equal(reports[1]!.org, 'acme');
  } finally {
    await pool.close();
  }
});

void test('runaway analysis: a task over its time budget is rejected by name and the worker replaced', async () => {
  // a 1 ms budget cannot cover parsing (start-up is not counted), so every task overruns: the pool must reject
  // each one with the budget named, replace the worker, and keep serving
  const pool = new AnalysisPool(1, init, 1);
  try {
    const raw = fs.readFileSync(fixture('own', 'benign.eml'));
    await assert.rejects(pool.analyze(raw, 'a.eml', 0), /exceeded 1 ms/);
    await assert.rejects(pool.analyze(raw, 'b.eml', 0), /exceeded 1 ms/);
  } finally {
    await pool.close();
  }
});

void test('a message can name its own organisation, overriding the pool’s', async () => {
  const pool = new AnalysisPool(1, { ...init, org: null });
  try {
    const raw = fs.readFileSync(fixture('own', 'lookalike-spear.eml'));
    assert.equal((await pool.analyze(raw, 'a.eml', 0)).org, null);
    assert.equal((await pool.analyze(raw, 'b.eml', 0, ACME)).org, 'acme');
  } finally {
    await pool.close();
  }
});
