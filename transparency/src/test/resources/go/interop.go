// An independent check of the transparency module's output with Go's own implementation of the same standards
// (golang.org/x/mod/sumdb/note for C2SP signed notes, golang.org/x/mod/sumdb/tlog for RFC 6962 proofs).
//
//	interop proof <verifier key> <file.tlog-proof>                  checks a proof bundle, prints OK
//	interop consistency <verifier key> <note1> <note2> <proof file> checks two checkpoints' consistency, prints OK
//	interop sign <signer key> <text file>                           prints the text signed as a note
package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Printf("FAILED: "+format+"\n", args...)
	os.Exit(1)
}

func read(file string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		fail("%v", err)
	}
	return string(data)
}

func hash(b64 string) tlog.Hash {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != tlog.HashSize {
		fail("not a base64 hash: %q", b64)
	}
	var h tlog.Hash
	copy(h[:], raw)
	return h
}

// checkpoint opens a signed checkpoint with the verifier key and returns its size and root.
func checkpoint(vkey, signed string) (int64, tlog.Hash) {
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	n, err := note.Open([]byte(signed), note.VerifierList(verifier))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("checkpoint size: %v", err)
	}
	return size, hash(lines[2])
}

func main() {
	switch os.Args[1] {
	case "proof":
		parts := strings.SplitN(read(os.Args[3]), "\n\n", 2)
		lines := strings.Split(parts[0], "\n")
		if lines[0] != "c2sp.org/tlog-proof@v1" {
			fail("not a tlog-proof")
		}
		entry, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(lines[1], "extra "))
		if err != nil {
			fail("extra: %v", err)
		}
		index, err := strconv.ParseInt(strings.TrimPrefix(lines[2], "index "), 10, 64)
		if err != nil {
			fail("index: %v", err)
		}
		var proof tlog.RecordProof
		for _, line := range lines[3:] {
			proof = append(proof, hash(line))
		}
		size, root := checkpoint(os.Args[2], parts[1])
		if err := tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(entry)); err != nil {
			fail("record %d in tree %d: %v", index, size, err)
		}
	case "consistency":
		size1, root1 := checkpoint(os.Args[2], read(os.Args[3]))
		size2, root2 := checkpoint(os.Args[2], read(os.Args[4]))
		var proof tlog.TreeProof
		for _, line := range strings.Fields(read(os.Args[5])) {
			proof = append(proof, hash(line))
		}
		if err := tlog.CheckTree(proof, size2, root2, size1, root1); err != nil {
			fail("tree %d in tree %d: %v", size1, size2, err)
		}
	case "sign":
		signer, err := note.NewSigner(os.Args[2])
		if err != nil {
			fail("signer key: %v", err)
		}
		signed, err := note.Sign(&note.Note{Text: read(os.Args[3])}, signer)
		if err != nil {
			fail("sign: %v", err)
		}
		fmt.Print(string(signed))
		return
	default:
		fail("unknown mode %s", os.Args[1])
	}
	fmt.Println("OK")
}
