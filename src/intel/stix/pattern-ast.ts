/** AST of a STIX pattern. Comparison nodes live inside one observation ([ … ]); observation nodes combine them. */

export type PathStep = { kind: 'key'; key: string } | { kind: 'index'; index: number | '*' };

export interface ObjectPath {
  objectType: string;
  steps: PathStep[];
}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'hex' | 'binary' | 'timestamp'; value: string };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type ComparisonNode =
  | { kind: 'and' | 'or'; left: ComparisonNode; right: ComparisonNode }
  | { kind: 'test'; path: ObjectPath; op: CompareOp; negated: boolean; value: Literal | Literal[] }
  | { kind: 'exists'; path: ObjectPath; negated: boolean };

export type Qualifier =
  | { kind: 'within'; seconds: number }
  | { kind: 'repeats'; times: number }
  | { kind: 'startstop'; start: string; stop: string };

export type ObservationNode =
  | { kind: 'observation'; comparison: ComparisonNode }
  | { kind: 'and' | 'or' | 'followedby'; left: ObservationNode; right: ObservationNode }
  | { kind: 'qualified'; inner: ObservationNode; qualifier: Qualifier };

/** Render an object path back to pattern text (for messages and round-trips). */
export function pathText(p: ObjectPath): string {
  let s = `${p.objectType}:`;
  p.steps.forEach((st, i) => {
    if (st.kind === 'index') s += `[${st.index}]`;
    else {
      const k = /^[A-Za-z_][A-Za-z0-9_]*$/.test(st.key) ? st.key : `'${st.key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      s += i === 0 ? k : `.${k}`;
    }
  });
  return s;
}
