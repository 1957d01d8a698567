/**
 * Workspace folders and the configuration of each (editor settings merged with its `.sopls.json`, see
 * config.ts). `revision` counts configuration loads: findings and schedules computed under an older one are stale.
 */
import path from 'node:path';
import type { WorkspaceFolder } from 'vscode-languageserver';
import type { ResolvedConfig } from '../core/config';
import { CONFIG_FILE_NAME, loadFolderConfig } from './config';
import { normaliseUri, uriToPath } from './files';

export interface Folder {
  uri: string;
  /** File-system path; absent for virtual workspaces (nothing is read from disk). */
  path?: string;
  name: string;
  config: ResolvedConfig;
}

export interface ConfigSources {
  /** The `sop` settings for a folder (undefined: the global ones). */
  settingsFor(scopeUri: string | undefined): Promise<unknown>;
  /** The text of the folder's `.sopls.json`, undefined when there is none or it must not be read. */
  readConfigFile(folder: Folder): string | undefined;
  /** Whether the folder's `.sopls.json` is open in the editor (its problems are then diagnostics there). */
  configFileOpen(folder: Folder): boolean;
  log(message: string): void;
}

export function isConfigUri(uri: string): boolean {
  return /\/\.sopls\.json$/i.test(uri.replace(/[?#].*$/, ''));
}

export class Folders {
  private list: Folder[] = [];
  private defaults: ResolvedConfig | undefined;
  private rev = 0;

  /** `initialSettings`: the `sop` settings known before the first `load` (from initializationOptions). */
  constructor(
    private readonly virtual: boolean,
    private readonly initialSettings?: unknown,
  ) {}

  /** Bumped by every `load`. */
  get revision(): number {
    return this.rev;
  }

  get all(): readonly Folder[] {
    return this.list;
  }

  add(folders: WorkspaceFolder[]): Folder[] {
    const added = folders.map((f) => this.make(f));
    this.list.push(...added);
    return added;
  }

  remove(uri: string): void {
    this.list = this.list.filter((f) => f.uri !== uri);
  }

  private make(f: WorkspaceFolder): Folder {
    const p = uriToPath(f.uri);
    const folder: Folder = { uri: f.uri, name: f.name, config: loadFolderConfig(undefined, undefined).config };
    if (p && !this.virtual) folder.path = p;
    return folder;
  }

  /** The innermost folder holding `uri`. */
  folderOf(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.list) {
      const prefix = f.uri.endsWith('/') ? f.uri : `${f.uri}/`;
      if ((uri.startsWith(prefix) || normaliseUri(uri).startsWith(normaliseUri(f.uri) + '/')) && (!best || f.uri.length > best.uri.length)) best = f;
    }
    return best;
  }

  /** The configuration `uri` is analysed under: its folder's, else the first folder's, else the defaults. */
  configFor(uri: string): ResolvedConfig {
    const f = this.folderOf(uri) ?? this.list[0];
    if (f) return f.config;
    return (this.defaults ??= loadFolderConfig(this.initialSettings, undefined).config);
  }

  /** Loads every folder's configuration (and the defaults for files outside them); bumps `revision`. */
  async load(sources: ConfigSources, trusted: boolean): Promise<void> {
    for (const f of this.list) {
      const loaded = loadFolderConfig(await sources.settingsFor(f.uri), sources.readConfigFile(f));
      f.config = loaded.config;
      for (const e of loaded.settingsErrors) sources.log(`sopls: settings (sop.*) ignored for ${f.name}: ${e.message}`);
      // An open .sopls.json shows its problems as diagnostics (from the editor's text); otherwise the log says.
      if (loaded.fileProblems.length && !sources.configFileOpen(f)) {
        const file = f.path ? path.join(f.path, CONFIG_FILE_NAME) : CONFIG_FILE_NAME;
        for (const p of loaded.fileProblems) sources.log(`sopls: ${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message} (the file is ignored)`);
      }
    }
    if (!trusted && this.list.some((f) => f.path)) sources.log('sopls: the workspace is not trusted: .sopls.json is ignored');
    this.defaults = loadFolderConfig(await sources.settingsFor(undefined), undefined).config;
    this.rev++;
  }
}
