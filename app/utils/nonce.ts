import { createContext, useContext } from 'react'

/**
 * The request's Content-Security-Policy nonce while a page renders on the
 * server. In the browser it is '' (browsers hide nonces from the DOM), so
 * hydration sees the same empty attribute the parsed page has.
 */
export const NonceContext = createContext('')

export function useNonce() {
	return useContext(NonceContext)
}
