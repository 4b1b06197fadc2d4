-- METHOD-766 §6: the flags of the record as received (lib/method/i766/record.ts), kept with the
-- dossier so reads need not open its raw record; null until written by this version.
ALTER TABLE "dossiers" ADD COLUMN "record766" smallint;