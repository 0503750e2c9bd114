// The English message catalog. Every user-facing string lives here (Spanish
// comes next as es.ts with the same keys), so no literal text is scattered
// through components.
export const en = {
	'site.name': 'Groundwork',
	'site.tagline': 'Organize your community when a data center comes to town.',
	'site.skipToContent': 'Skip to main content',
	'nav.label': 'Main',
	'nav.home': 'Home',
	'nav.chapters': 'Chapters',
	'footer.about':
		'Groundwork is free, open-source software for local groups facing data-center, power-plant and grid build-out.',
	'footer.dataCredit': 'Place data: US Census Bureau via us-atlas. Project records: Data Center Opposition Tracker (datacentertracker.org), CC BY 4.0.',
	'footer.source': 'Source code',

	'home.title': 'Groundwork — organize when a data center comes to town',
	'home.heading': 'When a data center is planned near you, you have a say.',
	'home.lead':
		'Counties, cities and utility commissions decide where data centers and the power plants that feed them go. They must hear from residents first — at hearings, in written comments and through petitions. Groundwork helps neighbours do that together.',
	'home.primaryAction': 'Find a chapter near you',
	'home.what.heading': 'What you can do here',
	'home.what.chapters.title': 'Join a local chapter',
	'home.what.chapters.body': 'A chapter is a group of neighbours working on one place. Members hear about hearings and deadlines first.',
	'home.what.hearings.title': 'Show up to hearings',
	'home.what.hearings.body':
		'A public hearing is a meeting where the board must listen to residents before it votes. Chapters post the dates and help you prepare.',
	'home.what.comments.title': 'File comments and objections',
	'home.what.comments.body':
		'A written objection goes into the official record. It counts most when it is specific: noise, water, power bills, your street.',
	'home.chapters.heading': 'Chapters already organizing',
	'home.chapters.all': 'See all chapters',
	'home.chapters.empty': 'No chapters yet. When one starts in your area it will show here.',

	'chapters.title': 'Chapters — Groundwork',
	'chapters.heading': 'Chapters',
	'chapters.lead': 'Local groups organizing around data-center and power projects. Search by name or place.',
	'chapters.search.label': 'Search chapters',
	'chapters.search.hint': 'A chapter name, county, city or state, e.g. “Loudoun” or “VA”.',
	'chapters.search.submit': 'Search',
	'chapters.search.clear': 'Clear search',
	'chapters.results': '{count, plural, one {# chapter} other {# chapters}}',
	'chapters.resultsFor': '{count, plural, one {# chapter} other {# chapters}} matching “{query}”',
	'chapters.empty': 'No chapters yet.',
	'chapters.emptySearch': 'No chapters match “{query}”. Try the county or state name instead.',
	'chapters.private': 'Private',
	'chapters.privateHint': 'Private: an organizer approves each new member.',
	'chapters.members': '{count, plural, one {# member} other {# members}}',

	'chapter.organizers': 'Organizers',
	'chapter.organizersNone': 'This chapter has no organizers listed.',
	'chapter.about': 'About this chapter',
	'chapter.where': 'Where',
	'chapter.started': 'Started {date}',
	'chapter.descriptionEmpty': 'The organizers have not written a description yet.',
	'chapter.back': 'All chapters',

	'error.notFound.title': 'Page not found — Groundwork',
	'error.notFound.heading': 'We could not find that page',
	'error.notFound.body': 'The link may be old or mistyped. The chapter may have been renamed.',
	'error.server.title': 'Something went wrong — Groundwork',
	'error.server.heading': 'Something went wrong on our side',
	'error.server.body': 'Nothing you did caused this. Please try again in a minute. If it keeps happening, tell your chapter organizer.',
	'error.goHome': 'Go to the home page',
	'error.seeChapters': 'See all chapters',
} as const

export type MessageKey = keyof typeof en
