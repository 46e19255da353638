import type { Budget, Report } from './report.js';
import type { ArchiveMember } from './types.js';

/** What a format analyser gets: the shared budget, its report, and a way to analyse extracted members. */
export interface Scan {
  readonly budget: Budget;
  readonly report: Report;
  readonly depth: number;
  readonly filename: string | null;
  readonly members: ArchiveMember[];
  /**
   * Records a member. With bytes, the member is hashed and analysed recursively (depth-limited) and its
   * flags and findings are merged into this report; with `data: null` it is only listed.
   */
  addMember(m: { path: string; size: number; data: Uint8Array | null; encrypted?: boolean }): ArchiveMember;
  /** True while more members may be recorded (member budget not exhausted). */
  canAddMember(): boolean;
}
