-- Profile pictures. The bucket is public (avatars appear beside names on
-- chapter pages), small, and images only. Each person writes only inside a
-- folder named by their user id: avatars/<uid>/<file>.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', true, 2097152, array['image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

create policy "avatars are readable by everyone" on storage.objects
	for select to anon, authenticated
	using (bucket_id = 'avatars');

create policy "people upload avatars into their own folder" on storage.objects
	for insert to authenticated
	with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "people replace their own avatars" on storage.objects
	for update to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
	with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "people delete their own avatars" on storage.objects
	for delete to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);
