/** Time is injected so that tests and the demo are deterministic. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const t = new Date(iso);
  return { now: () => new Date(t) };
}

export function isoNow(clock: Clock = systemClock): string {
  return clock.now().toISOString();
}
