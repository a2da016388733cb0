// Package parser turns one raw RFC 5322 message into the facts jobback acts on:
// whether to answer it at all, which command a reply carries, and what happened
// to the writer's job (the fields of docs/FIELDS.md).
//
// It is pure: bytes in, a Message out, no I/O and no clock but the message's
// own Date header.
//
// What it implements:
//   - RFC 5322 and RFC 2045-2047 (MIME, transfer encodings, charsets, encoded
//     words) through github.com/emersion/go-message; HTML-only bodies are turned
//     into text with golang.org/x/net/html's tokenizer.
//   - RFC 3834 (automatic responses): mail that must never be answered
//     automatically (Auto-Submitted other than "no", Precedence bulk/list/junk,
//     List-* headers, X-Auto-Response-Suppress, null Return-Path, system and
//     noreply senders, multipart/report delivery reports) gets ActionIgnore.
//   - Only the writer's new words count: quoted replies ("On ... wrote:" and
//     ">" lines, Outlook header blocks, "Original Message" separators),
//     forwarded messages, "-- " signatures and phone footers are removed before
//     any field is extracted.
package parser
