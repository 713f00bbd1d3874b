import { PassThrough } from 'node:stream';
import { runCli } from '../../apps/cli/src/settle-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run settle -- <args>` in this process, with only the given environment. */
export async function settle(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runCli(args, { stdout, stderr, env });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
