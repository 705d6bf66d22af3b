-- When an admin last asked to send this reminder again. Such a reminder is sent even if a later one
-- for the same commitment and person came due meanwhile: the admin was told of that later one when
-- asking, and asked all the same.
ALTER TABLE "reminder" ADD COLUMN "retry_requested_at" TIMESTAMPTZ(3);
