// Lets a plain `node` child process run the TypeScript sources, as jest does (transpile only, decorator
// metadata for Nest, the @settle/* aliases of tsconfig.json), so the e2e tests can start and kill real
// API processes without a build. Transpiled files are cached by content: later starts load in about a second.
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const ts = require('typescript');

const root = join(__dirname, '../../..');
const compilerOptions = {
  ...ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config.compilerOptions,
  module: 'commonjs',
  sourceMap: false,
  inlineSourceMap: true,
  incremental: false,
};
const { options } = ts.convertCompilerOptionsFromJson(compilerOptions, root);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@settle\/([^/]+)(\/.*)?$/.exec(request);
  const mapped = alias ? join(root, 'libs', alias[1], 'src', alias[2] ?? '') : request;
  return resolveFilename.call(this, mapped, ...rest);
};

const cache = join(tmpdir(), `settle-ts-cache-${ts.version}`);
mkdirSync(cache, { recursive: true });

require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const cached = join(cache, `${createHash('sha1').update(filename).update('\0').update(source).digest('hex')}.js`);
  let output;
  try {
    output = readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    // Written whole under a unique name, then renamed: a concurrent reader never sees half a file.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, output);
    renameSync(partial, cached);
  }
  module._compile(output, filename);
};
