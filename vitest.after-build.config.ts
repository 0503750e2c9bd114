import { configDefaults, defineConfig } from 'vitest/config'
import base from './vitest.config'

// The tests that need the production build (`remix vite:build`): `npm test`
// runs them in a step of their own after building. By hand:
//   npx remix vite:build && npx vitest run --config vitest.after-build.config.ts
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['tests/**/*.after-build.test.ts'],
		exclude: configDefaults.exclude,
	},
})
