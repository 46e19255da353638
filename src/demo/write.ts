/**
 * Writes a scenario to disk: orgs.json (the `spearwatch org import` file), partners.json, intel/lazarus.stix.json,
 * the mail in its mixture of layouts, and truth.json. Written into a sibling temporary directory and renamed into
 * place, so an interrupted write never leaves a half scenario behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SpearwatchError } from '../core/index.js';
import type { Scenario, ScenarioMessage } from './types.js';
import { asctime } from './net.js';

/** mboxrd quoting (RFC 4155 appendix): a body line `From ` or `>From ` gains one more `>`. */
export function mboxrdEscape(lfMessage: Buffer): string {
  return lfMessage.toString('latin1').replace(/^(>*From )/gm, '>$1');
}

function mboxFromLine(m: ScenarioMessage): string {
  return `From ${m.from.includes('@') ? m.from : 'MAILER-DAEMON'} ${asctime(new Date(m.date))}\n`;
}

export interface WriteResult {
  dir: string;
  files: number;
  messages: number;
}

export function writeScenario(scenario: Scenario, dir: string): WriteResult {
  const target = path.resolve(dir);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new SpearwatchError('SW_CONFLICT', `writeScenario: ${target} exists and is not an empty directory`);
  }
  const tmp = `${target}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  let files = 0;
  const put = (rel: string, data: string | Buffer): void => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
    files++;
  };
  try {
    put('orgs.json', JSON.stringify(scenario.orgs, null, 2) + '\n');
    put('partners.json', JSON.stringify(scenario.partners, null, 2) + '\n');
    put('intel/lazarus.stix.json', JSON.stringify(scenario.stix, null, 2) + '\n');
    put('truth.json', JSON.stringify(scenario.truth, null, 2) + '\n');
    const mboxes = new Map<string, string[]>();
    for (const m of scenario.messages) {
      if (m.file.endsWith('.mbox')) {
        const chunks = mboxes.get(m.file) ?? [];
        chunks.push(mboxFromLine(m) + mboxrdEscape(m.raw) + '\n');
        mboxes.set(m.file, chunks);
      } else {
        put(m.file, m.raw);
      }
    }
    for (const [file, chunks] of mboxes) put(file, Buffer.from(chunks.join(''), 'latin1'));
    for (const org of scenario.exchanges) {
      if (org.layout === 'maildir') fs.mkdirSync(path.join(tmp, 'mail', org.id, 'Maildir', 'tmp'), { recursive: true });
    }
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(tmp, target);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (err instanceof SpearwatchError) throw err;
    throw new SpearwatchError('SW_INPUT_UNREADABLE', `writeScenario: cannot write ${target}: ${(err as Error).message}`, { cause: err });
  }
  return { dir: target, files, messages: scenario.messages.length };
}
