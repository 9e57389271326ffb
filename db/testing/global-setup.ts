import type { TestProject } from 'vitest/node';
import { startTestServer } from './test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: { serverUrl: string; templateName: string; runId: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide('testServer', {
    serverUrl: server.serverUrl,
    templateName: server.templateName,
    runId: server.runId,
  });
  return () => server.dispose();
}
