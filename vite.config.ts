import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { flatRoutes } from 'remix-flat-routes'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	server: { port: 3000, strictPort: true, host: '127.0.0.1' },
	plugins: [
		tailwindcss(),
		remix({
			// Routes come from remix-flat-routes (docs/decisions/041): today's flat files
			// (`petitions.$slug.edit.tsx`) and `<area>+/` folders both work.
			ignoredRouteFiles: ['**/*'],
			routes: async (defineRoutes) =>
				flatRoutes('routes', defineRoutes, {
					ignoredRouteFiles: ['**/.*', '**/*.css', '**/*.test.{js,jsx,ts,tsx}', '**/__*.*', '**/*.server.*', '**/*.client.*'],
				}),
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
			},
		}),
	],
})
