/**
 * `initializationOptions` as the server uses them, validated: anything of the wrong type is ignored (the
 * default applies), never fatal.
 */
export interface ServerOptions {
  /** Milliseconds between the last change and re-analysis; `initializationOptions.diagnosticsDelay` overrides. */
  diagnosticsDelay?: number;
  /** Today's date (YYYY-MM-DD); the local date when absent. Tests pin it through initializationOptions.today. */
  today?: string;
}

export interface InitOptions {
  diagnosticsDelay: number;
  /** Pinned date, YYYY-MM-DD. */
  today?: string;
  /** The `sop` settings sent with initialize (clients without workspace/configuration). */
  settings?: unknown;
  /** `workspaceTrusted: false`: `.sopls.json` is not read. */
  trusted: boolean;
  /** `virtualWorkspace: true`: no file system, only open documents are analysed. */
  virtual: boolean;
  /** `traceAnalysis: true`: log each parse, lint and schedule (tests count them). */
  traceAnalysis: boolean;
  /** Folder where the index is persisted between sessions (VS Code: the extension's workspace storage). */
  storagePath?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readInitOptions(raw: unknown, defaults: ServerOptions = {}): InitOptions {
  const init = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const delay = init['diagnosticsDelay'];
  const out: InitOptions = {
    diagnosticsDelay: typeof delay === 'number' && delay >= 0 && Number.isFinite(delay) ? delay : (defaults.diagnosticsDelay ?? 150),
    trusted: init['workspaceTrusted'] !== false,
    virtual: init['virtualWorkspace'] === true,
    traceAnalysis: init['traceAnalysis'] === true,
  };
  const today = typeof init['today'] === 'string' && DATE.test(init['today']) ? init['today'] : defaults.today;
  if (today) out.today = today;
  if (init['settings'] !== undefined) out.settings = init['settings'];
  const storage = init['storagePath'];
  if (typeof storage === 'string' && storage.length > 0 && storage.length < 4096 && !storage.includes('\0')) out.storagePath = storage;
  return out;
}
