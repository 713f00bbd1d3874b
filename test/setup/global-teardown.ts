export default async function globalTeardown(): Promise<void> {
  await globalThis.__settleTestInfrastructure?.stop();
  globalThis.__settleTestInfrastructure = undefined;
}
