// Helpers shared by the browser harnesses (run.mjs, site.mjs): the command line, a free loopback port.
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

// --help prints the file's leading comment up to its DESIGN section; flag('x') reads --x=value.
export function cli(scriptUrl, argv = process.argv.slice(2)) {
  if (argv.includes('--help') || argv.includes('-h')) {
    const src = fs.readFileSync(fileURLToPath(scriptUrl), 'utf8').split('\n');
    console.log(src.slice(1, src.findIndex((l) => l.startsWith('// DESIGN'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    process.exit(0);
  }
  const flag = (name) => { const a = argv.find((x) => x.startsWith(`--${name}=`)); return a ? a.split('=').slice(1).join('=') : undefined; };
  return { argv, flag };
}

// A free TCP port on 127.0.0.1 (the servers under test bind to it).
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
