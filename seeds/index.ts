export async function seed(databaseUrl: string, options: { log?: (line: string) => void; onlyIfEmpty?: boolean } = {}) {
	void databaseUrl
	void options
}
