import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../../db/embedded';

let server: EmbeddedServer | undefined;
let tmpDir: string | undefined;

// Integration tests need a PostgreSQL server: TEST_DATABASE_URL when set,
// otherwise an embedded one started once for the whole run.
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podium-test-pg-'));
    fs.chmodSync(tmpDir, 0o755);
    server = await startEmbedded(tmpDir);
    url = server.url;
  }
  project.provide('testDatabaseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}
