-- A member's own places on speakers' lists, for their home page (issue 12):
-- the sign-ups made while signed in, and those made without an account from
-- the address the account has confirmed (the person who got the links).
-- Pending (unconfirmed) and cancelled sign-ups are not listed.
create function private.my_speaker_sign_ups()
returns table (id uuid, clock_id uuid, proceeding_id uuid, status public.speaker_status, slot integer, organization text)
language sql stable
security definer
set search_path = ''
as $$
	select s.id, s.clock_id, s.proceeding_id, s.status, s.slot, s.organization
	from public.speakers s
	where s.status in ('listed', 'waitlisted')
		and (
			s.user_id = (select auth.uid())
			or (
				s.user_id is null and s.confirmed_at is not null
				and lower(s.email) = (
					select lower(u.email) from auth.users u where u.id = (select auth.uid()) and u.email_confirmed_at is not null
				)
			)
		)
$$;
revoke all on function private.my_speaker_sign_ups() from public;
grant execute on function private.my_speaker_sign_ups() to authenticated;
