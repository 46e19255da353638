import fs from 'node:fs';
import path from 'node:path';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { SpearwatchError } from './errors.js';

/**
 * The one configuration schema. Layers, each overriding the one before: defaults → file
 * (`spearwatch.config.json` in SPEARWATCH_HOME, or --config) → environment (`SPEARWATCH_…`) → flags.
 * Unknown keys are an error that names the key. docs/configuration.md lists every key (a test checks it).
 *
 * Environment names: `SPEARWATCH_` + the key path in SCREAMING_SNAKE_CASE, nesting with a double underscore:
 * `databaseUrl` → SPEARWATCH_DATABASE_URL, `server.port` → SPEARWATCH_SERVER__PORT.
 */

const LogLevel = Type.Union([Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug')]);

export const ConfigSchema = Type.Object(
  {
    databaseUrl: Type.Optional(Type.String({ description: 'PostgreSQL URL (postgres://…); when unset the store is SQLite under SPEARWATCH_HOME.' })),
    logLevel: Type.Optional(LogLevel),
    server: Type.Optional(
      Type.Object(
        {
          host: Type.Optional(Type.String({ description: 'Address `spearwatch serve` listens on.' })),
          port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535, description: 'Port `spearwatch serve` listens on.' })),
        },
        { additionalProperties: false },
      ),
    ),
    mail: Type.Optional(
      Type.Object(
        {
          partnerBrands: Type.Optional(Type.Array(Type.String(), { description: 'Extra domains lookalike detection protects (partners, wallets, banks).' })),
          maxMessageBytes: Type.Optional(Type.Integer({ minimum: 1024, description: 'Largest message scanned; larger ones are reported and skipped.' })),
          dnsTimeoutMs: Type.Optional(Type.Integer({ minimum: 1, description: 'Per-query DNS timeout for online authentication checks.' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ConfigInput = Static<typeof ConfigSchema>;

/** The configuration after defaults: every key present. */
export interface Config {
  home: string;
  databaseUrl: string | undefined;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  server: { host: string; port: number };
  mail: { partnerBrands: string[]; maxMessageBytes: number; dnsTimeoutMs: number };
  /** Where each key's value came from, for `doctor`. */
  sources: Record<string, 'default' | 'file' | 'env' | 'flag'>;
  configFile: string | undefined;
}

export const DEFAULTS = {
  logLevel: 'info',
  server: { host: '127.0.0.1', port: 8080 },
  mail: { partnerBrands: [] as string[], maxMessageBytes: 32 * 1024 * 1024, dnsTimeoutMs: 3000 },
} as const;

/** Environment variables that are not configuration keys but are read by spearwatch. */
export const ENV_PASSTHROUGH = new Set(['SPEARWATCH_HOME', 'SPEARWATCH_CONFIG', 'SPEARWATCH_NATIVE']);

export const CONFIG_FILE = 'spearwatch.config.json';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** --config */
  configFile?: string | undefined;
  /** --home */
  home?: string | undefined;
  /** Values from flags, already in config shape. */
  flags?: ConfigInput;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every leaf key path of the schema, for docs and env mapping. */
export function configKeys(schema: TSchema = ConfigSchema, prefix = ''): string[] {
  const props = (schema as { properties?: Record<string, TSchema> }).properties;
  if (props === undefined) return [prefix];
  return Object.entries(props).flatMap(([k, s]) => configKeys(s, prefix === '' ? k : `${prefix}.${k}`));
}

export function envNameForKey(key: string): string {
  return 'SPEARWATCH_' + key.split('.').map((seg) => seg.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('__');
}

function setPath(target: Json, keyPath: string, value: unknown): void {
  const parts = keyPath.split('.');
  let cur = target;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (!isObject(next)) cur[p] = {};
    cur = cur[p] as Json;
  }
  cur[parts[parts.length - 1]!] = value;
}

function leafSchema(keyPath: string): TSchema | undefined {
  let s: TSchema | undefined = ConfigSchema;
  for (const p of keyPath.split('.')) s = (s as { properties?: Record<string, TSchema> } | undefined)?.properties?.[p];
  return s;
}

function fromEnv(env: NodeJS.ProcessEnv): Json {
  const byName = new Map(configKeys().map((k) => [envNameForKey(k), k]));
  const out: Json = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('SPEARWATCH_') || raw === undefined || ENV_PASSTHROUGH.has(name) || name.startsWith('SPEARWATCH_TEST_')) continue;
    const key = byName.get(name);
    if (key === undefined) throw new SpearwatchError('SW_CONFIG_INVALID', `unknown configuration variable ${name} in the environment`);
    const schema = leafSchema(key)!;
    let value: unknown = raw;
    if ((schema as { type?: string }).type === 'array') value = raw === '' ? [] : raw.split(',').map((x) => x.trim());
    else value = Value.Convert(schema, raw);
    setPath(out, key, value);
  }
  return out;
}

function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  }
  return out;
}

function validate(input: unknown, origin: string): ConfigInput {
  if (!isObject(input)) throw new SpearwatchError('SW_CONFIG_INVALID', `${origin}: the configuration must be a JSON object`);
  const first = Value.Errors(ConfigSchema, input).First();
  if (first !== undefined) {
    const key = first.path.replace(/^\//, '').replace(/\//g, '.') || '(root)';
    const unknown = first.message.toLowerCase().includes('unexpected property');
    throw new SpearwatchError(
      'SW_CONFIG_INVALID',
      unknown ? `${origin}: unknown configuration key "${key}"` : `${origin}: configuration key "${key}": ${first.message}`,
      { details: { key } },
    );
  }
  return input;
}

function readFileLayer(file: string, required: boolean): Json | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SpearwatchError('SW_CONFIG_INVALID', `cannot read configuration file ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SpearwatchError('SW_CONFIG_INVALID', `configuration file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  return validate(parsed, file);
}

function track(layer: Json, origin: Config['sources'][string], sources: Config['sources'], prefix = ''): void {
  for (const [k, v] of Object.entries(layer)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (isObject(v)) track(v, origin, sources, key);
    else sources[key] = origin;
  }
}

export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const home = path.resolve(cwd, opts.home ?? env.SPEARWATCH_HOME ?? '.spearwatch');
  const explicit = opts.configFile ?? env.SPEARWATCH_CONFIG;
  const configFile = explicit !== undefined ? path.resolve(cwd, explicit) : path.join(home, CONFIG_FILE);
  const sources: Config['sources'] = {};
  const fileLayer = readFileLayer(configFile, explicit !== undefined);
  const envLayer = validate(fromEnv(env), 'environment') as Json;
  const flagLayer = validate(opts.flags ?? {}, 'command-line flags') as Json;
  if (fileLayer !== undefined) track(fileLayer, 'file', sources);
  track(envLayer, 'env', sources);
  track(flagLayer, 'flag', sources);
  const merged = merge(merge(merge(DEFAULTS, fileLayer ?? {}), envLayer), flagLayer) as ConfigInput;
  for (const k of configKeys()) sources[k] ??= 'default';
  return {
    home,
    databaseUrl: merged.databaseUrl,
    logLevel: merged.logLevel ?? DEFAULTS.logLevel,
    server: { host: merged.server?.host ?? DEFAULTS.server.host, port: merged.server?.port ?? DEFAULTS.server.port },
    mail: {
      partnerBrands: merged.mail?.partnerBrands ?? [],
      maxMessageBytes: merged.mail?.maxMessageBytes ?? DEFAULTS.mail.maxMessageBytes,
      dnsTimeoutMs: merged.mail?.dnsTimeoutMs ?? DEFAULTS.mail.dnsTimeoutMs,
    },
    sources,
    configFile: fileLayer !== undefined ? configFile : undefined,
  };
}
