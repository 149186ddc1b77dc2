import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { API_ARGS, API_METHODS } from '../../common/api.ts';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { dispatch } from '../../electron/dispatch.ts';
import { tempDir } from '../helpers/tmp.ts';

test('every API method has an argument schema and every schema a method', () => {
  assert.deepEqual(Object.keys(API_ARGS).sort(), [...API_METHODS].sort());
  assert.ok(API_METHODS.length >= 20);
});

test('dispatch validates arguments before a handler runs and returns errors in one shape', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'd.db'));
  try {
    const api = createApi({ store });
    assert.deepEqual(await dispatch(api, 'listSources', []), { ok: true, value: [] });
    const unknown = await dispatch(api, 'dropTables', []);
    assert.deepEqual(unknown, { ok: false, error: { code: 'unknown-method', message: 'No such method: dropTables' } });
    const bad = await dispatch(api, 'createAnnotation', [{ sourceId: 'x', start: -1, end: 'z' }]);
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.code, 'invalid-arguments');
    const extra = await dispatch(api, 'updateSettings', [{ theme: 'dark', evil: true }]);
    assert.equal(!extra.ok && extra.error.code, 'invalid-arguments', 'unknown keys are refused');
    const proto = await dispatch(api, 'toString', []);
    assert.equal(!proto.ok && proto.error.code, 'unknown-method', 'inherited properties are not methods');
    const missing = await dispatch(api, 'getSource', ['no-such-id']);
    assert.deepEqual(missing, { ok: false, error: { code: 'not-found', message: 'No source with id no-such-id' } });
    const tooMany = await dispatch(api, 'listSources', [1]);
    assert.equal(!tooMany.ok && tooMany.error.code, 'invalid-arguments');
  } finally {
    store.close();
    cleanup();
  }
});
