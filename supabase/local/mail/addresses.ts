/** A mailbox as Mailpit shows it. */
export type Address = { Name: string; Address: string }

// Resend wants a domain with a dot in it, and nothing that could split a header.
const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/
const NAMED = /^(.*?)\s*<([^<>]*)>$/

/** Parses `addr@example.com` or `Name <addr@example.com>`; null when it is neither. */
export function parseAddress(value: string): Address | null {
	const trimmed = value.trim()
	const named = NAMED.exec(trimmed)
	const name = named ? unquote(named[1] ?? '') : ''
	const address = named ? (named[2] ?? '').trim() : trimmed
	if (!EMAIL.test(address) || /[\r\n]/.test(name)) return null
	return { Name: name, Address: address }
}

function unquote(name: string) {
	const trimmed = name.trim()
	if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
		return trimmed.slice(1, -1).replace(/\\(.)/g, '$1')
	}
	return trimmed
}

/** `Name <addr>` for headers, quoting the name when it needs it. */
export function formatAddress(address: Address) {
	if (!address.Name) return address.Address
	const name = /^[\w .'-]*$/.test(address.Name) ? address.Name : `"${address.Name.replace(/(["\\])/g, '\\$1')}"`
	return `${name} <${address.Address}>`
}
