// The CLI run in this process (runCli), its output captured: what the CLI tests read.
import { runCli } from '../../electron/cli.ts';

export async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env, isTTY: false });
  return { code, stdout, stderr, json: <T = Record<string, unknown>>() => JSON.parse(stdout) as T };
}
