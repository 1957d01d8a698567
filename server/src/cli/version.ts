// esbuild defines SOPLS_VERSION from package.json (esbuild.mjs), for every bundle: CLI, server, tests.
declare const SOPLS_VERSION: string | undefined;

/** package.json's version: `sopls --version`, SARIF `tool.driver.version`, LSP serverInfo, the cache key. */
export const VERSION: string = typeof SOPLS_VERSION === 'string' ? SOPLS_VERSION : '0.0.0-unbundled';
