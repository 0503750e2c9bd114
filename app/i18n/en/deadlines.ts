// The deadline engine (app/siting/): clock names, how a date was computed, order problems,
// holidays and the notice check. Kept apart from the siting pages' messages.
export const deadlines = {
	'deadlines.kind.notice-published': 'notice',
	'deadlines.kind.comment-deadline': 'written-comment deadline',
	'deadlines.kind.speaker-signup': 'speaker sign-up cut-off',
	'deadlines.kind.hearing': 'hearing',
	'deadlines.kind.vote': 'vote',
	'deadlines.kind.decision': 'decision',
	'deadlines.kind.record-closes': 'close of the record',
	'deadlines.kind.rehearing-deadline': 'deadline to ask for a rehearing',
	'deadlines.kind.appeal-deadline': 'deadline to appeal',
	'deadlines.kind.other': 'date',

	'deadlines.explain.given': 'Entered as {when}.',
	'deadlines.explain.sameDay': 'On the day of the {from}, {fromDate}.',
	'deadlines.explain.calendarAfter':
		'{count, plural, one {# calendar day} other {# calendar days}} after the {from} on {fromDate} is {date}.',
	'deadlines.explain.calendarBefore':
		'{count, plural, one {# calendar day} other {# calendar days}} before the {from} on {fromDate} is {date}.',
	'deadlines.explain.businessAfter':
		'{count, plural, one {# business day} other {# business days}} after the {from} on {fromDate} is {date},',
	'deadlines.explain.businessBefore':
		'{count, plural, one {# business day} other {# business days}} before the {from} on {fromDate} is {date},',
	'deadlines.explain.skippingWeekends': 'not counting weekends.',
	'deadlines.explain.skippingHolidays': 'not counting weekends or {holidays}.',
	'deadlines.explain.rolledForward': 'That day is {why}, so the deadline moves to the next business day, {date}.',
	'deadlines.explain.rolledBackward': 'That day is {why}, so the cut-off moves back to the business day before, {date}.',
	'deadlines.explain.untilTime': 'It runs until {time} that day.',
	'deadlines.explain.untilEndOfDay': 'It runs to the end of that day.',
	'deadlines.explain.source': 'Rule: {source}.',
	'deadlines.reason.saturday': 'a Saturday',
	'deadlines.reason.sunday': 'a Sunday',
	'deadlines.reason.holiday': '{name}, a holiday when offices are closed',

	'deadlines.problem.invalid-date': 'The date of the {name} is not a real date. Enter it as year, month and day.',
	'deadlines.problem.invalid-time': 'The time of the {name} is not a time of day. Enter it as hours and minutes, like 19:00.',
	'deadlines.problem.invalid-rule': 'The rule for the {name} cannot be used: check its number of days, its time and which way it moves.',
	'deadlines.problem.waiting-for-date': 'The {name} will be worked out once the date of the {from} is set.',
	'deadlines.problem.rule-cycle': 'The {name} is counted from a date that is itself counted from it, so neither can be worked out.',
	'deadlines.problem.vote-before-hearing':
		'The {name} ({when}) is before the first hearing ({hearing}). A body decides after it hears the public: check both dates.',
	'deadlines.problem.notice-after-hearing':
		'The {name} ({when}) is after the first hearing ({hearing}). Notice has to come before the hearing: check both dates.',
	'deadlines.problem.signup-after-hearing':
		'The {name} ({when}) is after the hearing starts ({hearing}). Check the sign-up rule and the hearing time.',
	'deadlines.problem.comment-deadline-after-vote':
		'The {name} ({when}) is after the final vote ({vote}). Comments that arrive after the decision cannot change it: check both dates.',
	'deadlines.problem.window-before-decision':
		'The {name} ({when}) is before the decision ({decision}). That window opens with the decision: check both dates.',

	'deadlines.format.allDay': '{date}, until the end of the day ({zone})',
	'deadlines.format.readerZone': '{there} ({here} where you are)',
	'deadlines.format.today': 'today',
	'deadlines.format.passedToday': 'earlier today',

	'deadlines.holiday.new-years-day': 'New Year’s Day',
	'deadlines.holiday.mlk-day': 'Martin Luther King, Jr. Day',
	'deadlines.holiday.washingtons-birthday': 'Washington’s Birthday',
	'deadlines.holiday.memorial-day': 'Memorial Day',
	'deadlines.holiday.juneteenth': 'Juneteenth',
	'deadlines.holiday.independence-day': 'Independence Day',
	'deadlines.holiday.labor-day': 'Labor Day',
	'deadlines.holiday.columbus-day': 'Columbus Day',
	'deadlines.holiday.election-day': 'Election Day',
	'deadlines.holiday.veterans-day': 'Veterans Day',
	'deadlines.holiday.thanksgiving': 'Thanksgiving Day',
	'deadlines.holiday.day-after-thanksgiving': 'the day after Thanksgiving',
	'deadlines.holiday.christmas': 'Christmas Day',
	'deadlines.holiday.closure': 'an office closure',
	'deadlines.holiday.observed': '{name} (observed)',

	'deadlines.calendar.note.VA':
		'Holidays from Virginia law (Va. Code § 2.2-3300) since 2021. Days the Governor closes offices, such as Christmas Eve, count only when the body lists them.',
	'deadlines.calendar.note.AZ':
		'Counted with federal holidays. Arizona’s own list (A.R.S. § 1-301) differs in ways not yet checked here, so confirm close deadlines with the body.',
	'deadlines.calendar.note.MI':
		'Counted with federal holidays. Michigan’s list (MCL 435.101) adds days such as Lincoln’s Birthday for some purposes, so confirm close deadlines with the body.',
	'deadlines.calendar.note.GA':
		'Counted with federal holidays, which Georgia law adopts (O.C.G.A. § 1-4-1). The Governor names the other state holidays each year; they count only when the body lists them.',
	'deadlines.calendar.note.other':
		'Counted with federal holidays; this state’s own holidays are not in Groundwork yet, so confirm close deadlines with the body.',

	'deadlines.notice.defect.invalid-date': '“{value}” is not a real date. Enter dates as year, month and day.',
	'deadlines.notice.defect.no-publication': 'No newspaper notice ran before the hearing on {hearing}.',
	'deadlines.notice.defect.single-publication':
		'The notice ran only once, on {date}. The law needs two publications at least {between} days apart, with the hearing {min} to {max} days after the second.',
	'deadlines.notice.defect.publications-too-close':
		'The notices of {first} and {second} were {count, plural, one {# day} other {# days}} apart. The law needs at least {min} days from the first to the second.',
	'deadlines.notice.defect.hearing-too-soon':
		'The hearing on {hearing} was {count, plural, one {# day} other {# days}} after the notice of {second}. It has to be at least {min} days after the second notice.',
	'deadlines.notice.defect.hearing-too-late':
		'The hearing on {hearing} was {count, plural, one {# day} other {# days}} after the notice of {second}. It can be no more than {max} days after the second notice.',
	'deadlines.notice.defect.published-too-late':
		'The notice of {date} ran {count, plural, one {# day} other {# days}} before the hearing on {hearing}. It has to run at least {min} days before.',
	'deadlines.notice.defect.published-too-early':
		'The notice of {date} ran {count, plural, one {# day} other {# days}} before the hearing on {hearing}. It can run no more than {max} days before.',
	'deadlines.notice.defect.mailed-too-late':
		'The letters mailed on {date} went out {count, plural, one {# day} other {# days}} before the hearing. They have to go out at least {min} days before.',
	'deadlines.notice.defect.sign-too-late':
		'The sign on the property went up on {date}, {count, plural, one {# day} other {# days}} before the hearing. It has to be up at least {min} days before.',
	'deadlines.notice.note.after-hearing-ignored': 'The notice of {date} ran on or after the hearing day, so it does not count.',
	'deadlines.notice.note.gap-at-limit':
		'The notices of {first} and {second} are {count} days apart, exactly the minimum. Counting only the days in between gives {inBetween}, so a stricter reading could find this short.',
	'deadlines.notice.note.pair-counted':
		'This check counted the notices of {first} and {second}. The second notice to run was the one of {literal}; read with that one, the timing may not pass.',
	'deadlines.notice.note.sign-not-checked':
		'The sign on the property was not checked: no date was given. A rezoning asked for by someone other than the local government needs one at least {min} days before the hearing.',
	'deadlines.notice.note.mailing-not-checked':
		'Mailed notice was not checked: no mailing dates were given. Letters have to go out at least {min} days before the hearing.',
	'deadlines.notice.note.mailing-not-checked.VA':
		'Mailed notice was not checked: no mailing dates were given. When a map change involves 25 or fewer parcels, letters to owners have to go out at least {min} days before the hearing.',
} as const
