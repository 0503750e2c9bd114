import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { flatRoutes } from 'remix-flat-routes'
import { defineConfig, type Plugin } from 'vite'
// First: quiets supabase-js's Node 20 warning before anything imports it (docs/decisions/042).
import './app/utils/quiet-supabase-node20'

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
	interface Future {
		v3_singleFetch: true
	}
}

/**
 * The dev server hands requests to Remix the way app/server.mjs does in
 * production: through app/http/node-handler.server.ts, so body limits and
 * security headers are the same in both. It takes the place of the Remix
 * plugin's own request handler, which it runs before.
 */
function groundworkRequests(): Plugin {
	return {
		name: 'groundwork-requests',
		configureServer(server) {
			return () => {
				server.middlewares.use((req, res, next) => {
					const handle = async () => {
						const build = await server.ssrLoadModule('virtual:remix/server-build')
						const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
						await build.entry.module.handleNodeRequest(build, req, res, { url, clientIp: req.socket.remoteAddress, mode: 'development' })
					}
					handle().catch((error: unknown) => {
						if (error instanceof Error) server.ssrFixStacktrace(error)
						next(error)
					})
				})
			}
		},
	}
}

export default defineConfig({
	// Moved only by the dev-server journey (tests/dev), which needs a cold cache without touching yours.
	cacheDir: process.env.GROUNDWORK_VITE_CACHE_DIR || 'node_modules/.vite',
	server: { port: 3000, strictPort: true, host: '127.0.0.1' },
	plugins: [
		tailwindcss(),
		groundworkRequests(),
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
				// Vite scans every route for dependencies at startup, so it never meets one late and
				// reloads the browser mid-page (docs/decisions/042; tests/dev walks every page to check).
				unstable_optimizeDeps: true,
			},
		}),
	],
})
