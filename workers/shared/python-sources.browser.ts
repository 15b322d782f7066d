// Browser hosts: the Python modules every worker installs next to its own (workers/shared/py,
// e.g. the parser-bomb guard), by file name.
const files = import.meta.glob(['./py/*.py'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const sharedPythonSources: Record<string, string> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.replace(/^\.\/py\//, ''), text]),
);
