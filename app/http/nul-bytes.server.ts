// PostgreSQL text cannot hold U+0000: a NUL byte in any value a query is
// given ends in "invalid byte sequence for encoding UTF8: 0x00", a 500.
// Nobody types one and it means nothing in text, so it is dropped from the
// query string and from form bodies before any route reads them
// (docs/decisions/043-hostile-input-crawler.md). Multipart bodies keep
// theirs: a file may hold NUL bytes; their text fields go through parseForm,
// which drops it too.

const ENCODED_NUL = /%00/gi

/** The URL without percent-encoded NULs in its query string (a raw NUL cannot reach here: Node refuses it in the request line). */
export function withoutNulInQuery(url: URL) {
	if (!/%00/i.test(url.search)) return url
	const cleaned = new URL(url)
	cleaned.search = url.search.replace(ENCODED_NUL, '')
	return cleaned
}

/** A urlencoded form body without NULs, encoded (%00) or raw; any other body as it came. */
export function withoutNulInForm(body: Buffer, contentType: string | undefined) {
	if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return body
	// latin1 maps each byte to one character and back, so nothing else in the body changes.
	const text = body.toString('latin1')
	if (!/%00|\0/i.test(text)) return body
	return Buffer.from(text.replace(/%00|\0/gi, ''), 'latin1')
}
