import { useCallback, useEffect, useState, type ReactNode } from 'react';

export type Async<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

/** Load data for a page; `reload` runs it again. Results of a superseded load are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): [Async<T>, () => void] {
  const [value, setValue] = useState<Async<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    load().then(
      (data) => { if (live) setValue({ state: 'ready', data }); },
      (e: unknown) => { if (live) setValue({ state: 'error', message: e instanceof Error ? e.message : String(e) }); },
    );
    return () => { live = false; };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [value, reload];
}

export function Loading({ what }: { what: string }): ReactNode {
  return <p className="state loading" role="status">Loading {what}…</p>;
}

export function Failure({ message, retry }: { message: string; retry?: () => void }): ReactNode {
  return (
    <div className="state error" role="alert">
      <p>Something went wrong: {message}</p>
      {retry !== undefined && <button type="button" onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }): ReactNode {
  return <p className="state empty">{children}</p>;
}

/** Render an Async value: loading and error states in words, the rest by `ready`. */
export function Show<T>({ value, what, retry, ready }: { value: Async<T>; what: string; retry?: () => void; ready: (data: T) => ReactNode }): ReactNode {
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'error') return <Failure message={value.message} {...(retry === undefined ? {} : { retry })} />;
  return ready(value.data);
}
