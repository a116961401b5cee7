// Checks a fact's proof bundle (C2SP tlog-proof) in this browser, with WebCrypto alone: the checkpoint's Ed25519
// signature (C2SP signed note) against a verifier key, and the RFC 6962 inclusion of the fact's leaf in the
// checkpoint's tree (RFC 9162 section 2.1.3.2). Nothing of the server's is trusted but the bytes it sent.

const utf8 = new TextEncoder();
const fromBase64 = text => Uint8Array.from(atob(text), c => c.charCodeAt(0));
const toBase64 = bytes => btoa(String.fromCharCode(...bytes));
const concat = (...parts) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.length; }
  return all;
};
const sha256 = async bytes => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const leafHash = leaf => sha256(concat(Uint8Array.of(0), leaf));
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

/** The parts of a tlog-proof text: entry (bytes), index, path (hashes), note (the signed checkpoint's text). */
export function parseProof(text) {
  const blank = text.indexOf('\n\n');
  const lines = text.slice(0, blank).split('\n');
  if (lines[0] !== 'c2sp.org/tlog-proof@v1' || !lines[1]?.startsWith('extra ') || !/^index \d+$/.test(lines[2] ?? '')) {
    throw new Error('not a c2sp.org/tlog-proof@v1 bundle with its entry');
  }
  return {
    entry: fromBase64(lines[1].slice(6)),
    index: Number(lines[2].slice(6)),
    path: lines.slice(3).map(fromBase64),
    note: text.slice(blank + 2),
  };
}

/** Verifies a signed note with a verifier key name+keyid+base64(0x01 || key); returns the note's text. */
async function openNote(note, verifierKey) {
  const [name, id, encoded] = [verifierKey.slice(0, verifierKey.indexOf('+')),
    verifierKey.slice(verifierKey.indexOf('+') + 1, verifierKey.indexOf('+') + 9),
    verifierKey.slice(verifierKey.indexOf('+') + 10)];
  const typed = fromBase64(encoded);
  if (typed.length !== 33 || typed[0] !== 1) throw new Error('the verifier key is not an Ed25519 key');
  const key = typed.slice(1);
  const expectedId = (await sha256(concat(utf8.encode(name + '\n'), Uint8Array.of(1), key))).slice(0, 4);
  if ([...expectedId].map(b => b.toString(16).padStart(2, '0')).join('') !== id) {
    throw new Error('the verifier key\'s id does not match its name and key');
  }
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const publicKey = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
  for (const line of note.slice(split + 2).split('\n').filter(Boolean)) {
    const [, lineName, signature] = line.match(/^\u2014 (\S+) (\S+)$/) ?? [];
    if (lineName !== name) continue;
    const bytes = fromBase64(signature);
    if (!equal(bytes.slice(0, 4), expectedId)) continue;
    if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, bytes.slice(4), utf8.encode(text))) return text;
    throw new Error(`the checkpoint's signature by ${name} does not verify`);
  }
  throw new Error(`the checkpoint carries no signature of ${name}`);
}

/** RFC 9162 2.1.3.2: the root the path leads to from the leaf hash at index in a tree of size leaves. */
async function rootFromPath(hash, index, size, path) {
  if (index >= size) throw new Error(`entry ${index} is beyond the tree of ${size}`);
  let fn = index;
  let sn = size - 1;
  let r = hash;
  for (const p of path) {
    if (sn === 0) throw new Error('the inclusion path is longer than the tree is high');
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('the inclusion path is shorter than the tree is high');
  return r;
}

/**
 * Checks a proof bundle against a verifier key: what was checked, step by step, or the step that failed. Returns
 * { ok, steps, checkpoint: { origin, size, root }, entry }.
 */
export async function verifyProof(bundle, verifierKey) {
  const steps = [];
  const proof = parseProof(bundle);
  const text = await openNote(proof.note, verifierKey);
  const [origin, size, root] = text.split('\n');
  steps.push(`the checkpoint (log ${origin}, ${size} entries) is signed by the key ${verifierKey.split('+')[0]} (Ed25519)`);
  const hash = await leafHash(proof.entry);
  steps.push(`the fact's leaf (${proof.entry.length} bytes) hashes to ${toBase64(hash)}`);
  const reached = await rootFromPath(hash, proof.index, Number(size), proof.path);
  if (!equal(reached, fromBase64(root))) {
    throw new Error(`the ${proof.path.length} hashes of the path from entry ${proof.index} do not lead to the signed root`);
  }
  steps.push(`its ${proof.path.length}-hash path from entry ${proof.index} leads to the signed root ${root}`);
  return { ok: true, steps, checkpoint: { origin, size: Number(size), root }, entry: new TextDecoder().decode(proof.entry) };
}
