import { isIP } from 'node:net'
import type { Context } from 'hono'
import type { AuthConfig } from './config'

/**
 * Where a link may send the user afterwards: `redirect_to` (query, or the
 * header of that name), else the Referer, when either is allowed; else the
 * site URL.
 */
export function redirectTarget(config: AuthConfig, c: Context) {
	const requested = c.req.header('redirect_to') || c.req.query('redirect_to') || ''
	if (isRedirectUrlAllowed(config, requested)) return requested
	const referer = c.req.header('referer') ?? ''
	if (isRedirectUrlAllowed(config, referer)) return referer
	return config.siteUrl
}

/**
 * GoTrue's rule: the site's own host, any loopback address, or a match for
 * one of `additional_redirect_urls` (globs where `*` stops at "." and "/"
 * and `**` does not).
 */
export function isRedirectUrlAllowed(config: AuthConfig, candidate: string) {
	if (candidate === '') return false
	const site = parseUrl(config.siteUrl)
	const target = parseUrl(candidate)
	if (!site || !target) return false
	if (
		site.hostname === target.hostname &&
		site.protocol === target.protocol &&
		(site.port === target.port || target.hostname === 'localhost')
	) {
		return true
	}
	const hostname = target.hostname.replace(/^\[|\]$/g, '')
	if (/^[0-9]+$/.test(hostname)) return false
	if (isIP(hostname) !== 0) return isLoopback(hostname)
	const withoutFragment = candidate.split('#')[0] ?? ''
	return config.additionalRedirectUrls.some((pattern) => globToRegExp(pattern).test(withoutFragment))
}

function parseUrl(value: string) {
	try {
		return new URL(value)
	} catch {
		return null
	}
}

function isLoopback(ip: string) {
	return ip === '::1' || ip.startsWith('127.') || ip === '::ffff:127.0.0.1'
}

function globToRegExp(pattern: string) {
	let source = ''
	for (let index = 0; index < pattern.length; index++) {
		const character = pattern.charAt(index)
		if (character === '*' && pattern.charAt(index + 1) === '*') {
			source += '.*'
			index++
		} else if (character === '*') {
			source += '[^./]*'
		} else if (character === '?') {
			source += '[^./]'
		} else {
			source += character.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		}
	}
	return new RegExp(`^${source}$`)
}
