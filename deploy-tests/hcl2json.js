'use strict';
// Converts every .tf file under a directory to JSON with the HCL parser of
// @cdktf/hcl2json (HashiCorp's Go parser compiled to WebAssembly), so the Java
// tests can check the Terraform's structure without a terraform binary.
// Usage: node hcl2json.js <dir>  ->  {"files": {"rel/path.tf": {...}}, "errors": {"rel/path.tf": "message"}}
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

function tfFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '.terraform' ? [] : tfFiles(full);
    }
    return entry.name.endsWith('.tf') ? [full] : [];
  });
}

async function main() {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node hcl2json.js <terraform dir>\n');
    process.exit(2);
  }
  const root = path.resolve(process.argv[2]);
  const result = { files: {}, errors: {} };
  for (const file of tfFiles(root).sort()) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    try {
      result.files[rel] = await parse(rel, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      result.errors[rel] = String((e && e.message) || e);
    }
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((e) => {
  process.stderr.write(`${(e && e.stack) || e}\n`);
  process.exit(1);
});
