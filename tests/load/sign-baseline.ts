/**
 * The insert both floors of `npm run bench:sign` do: the same row the
 * signing function writes, with the ZIP looked up in the same statement.
 */
export const BASELINE_INSERT = `
	insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code,
		county_id, state_id, place_label, comment, show_name, wants_updates, ip)
	select $1, $2, $3, lower($3), split_part(lower($3), '@', 2), 'US', z.postal_code, z.county_id, z.state_id, z.place_name, '', $5, $6, $7::inet
	from public.postal_codes z where z.country_code = 'US' and z.postal_code = $4`
