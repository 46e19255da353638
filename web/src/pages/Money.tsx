import type { ReactNode } from 'react';

/**
 * The money trail needs the trace engine (tracing, watches and alerts), which this build of spearwatch does not
 * have yet. Say so plainly rather than show an empty graph.
 */
export function Money(): ReactNode {
  return (
    <section aria-labelledby="money-h">
      <h1 id="money-h">Money trail</h1>
      <div className="state empty">
        <p><strong>Not available yet.</strong> Tracing bitcoin from a theft or ransom address to the exchanges, watches and alerts arrive with the trace engine.</p>
        <p>Until then, bitcoin addresses found in mail are listed on each message, and <code>spearwatch chain</code> imports and clusters the chain from the command line.</p>
      </div>
    </section>
  );
}
