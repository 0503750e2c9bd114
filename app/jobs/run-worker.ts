// The job worker as a process of its own: `npm run dev` runs it beside the
// dev server, and `npm run worker` in production when it should not share a
// process with the web server.
// Before the worker's modules: supabase-js (read by the email attachments) warns on import under Node 20.
import '#app/utils/quiet-supabase-node20'
import { startWorker } from './worker.server'

const runner = await startWorker()
console.log('job worker: running')

async function stop() {
	await runner.stop()
	process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
await runner.promise
