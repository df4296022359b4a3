/**
 * Asks the API's `/health/ready` over and over until stopped and keeps every answer that was not a
 * 200 (a refused connection included), so a spec can require the API to have stayed ready throughout.
 */
export function watchReady(apiUrl: string, intervalMs = 200): { stop(): Promise<{ checks: number; failures: string[] }> } {
  const failures: string[] = [];
  let checks = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        // Generous: on a busy machine an answer may be slow, which is not the API leaving rotation.
        const response = await fetch(`${apiUrl}/health/ready`, { signal: AbortSignal.timeout(30_000) });
        if (response.status !== 200) failures.push(`${new Date().toISOString()} ${response.status} ${await response.text()}`);
      } catch (error) {
        failures.push(`${new Date().toISOString()} ${(error as Error).message}`);
      }
      checks += 1;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { checks, failures };
    },
  };
}
