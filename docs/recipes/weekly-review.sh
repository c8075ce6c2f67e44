#!/bin/sh
# Weekly business review by email: run from cron (see docs/recipes.md).
#   0 6 * * 1  /srv/kpi/weekly-review.sh
# Mails the Markdown summary as the body with the workbook attached; on failure, mails the error.
set -u
KPI_DIR=${KPI_DIR:-/srv/kpi}          # holds kpireview.yml
TO=${TO:-pm-team@example.com}
CADENCE=${CADENCE:-weekly}
KPIREVIEW=${KPIREVIEW:-kpireview}

cd "$KPI_DIR" || exit 1
err=$(mktemp) || exit 1
trap 'rm -f "$err"' EXIT

out=$("$KPIREVIEW" run --cadence "$CADENCE" 2>"$err")
status=$?
case $status in
  0) tag="" ;;
  3) tag=" [warnings: see Data quality]" ;;   # written; rejected rows or a stale source
  *) # 1 input error, 2 config error, 75 lock held: nothing was written
     mail -s "kpireview $CADENCE FAILED (exit $status)" "$TO" <"$err"
     exit "$status" ;;
esac

# The run prints one line per written report; its first field is the report's folder.
dir=$(printf '%s\n' "$out" | head -n 1 | cut -d ' ' -f 1)
md=$(ls "$dir"*.md)
xlsx=$(ls "$dir"*.xlsx)
subject="$(head -n 1 "$md" | sed 's/^# //') — $(basename "$dir")$tag"

send_sendmail() {
  boundary="kpireview-$$-$(date +%s)"
  {
    printf 'To: %s\nSubject: %s\nMIME-Version: 1.0\n' "$TO" "$subject"
    printf 'Content-Type: multipart/mixed; boundary="%s"\n\n' "$boundary"
    printf -- '--%s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n' "$boundary"
    cat "$md"
    printf -- '\n--%s\n' "$boundary"
    printf 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\n'
    printf 'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="%s"\n\n' "$(basename "$xlsx")"
    base64 "$xlsx"
    printf -- '\n--%s--\n' "$boundary"
  } | sendmail -t
}

if command -v mutt >/dev/null 2>&1; then
  mutt -s "$subject" -a "$xlsx" -- "$TO" <"$md"
elif command -v sendmail >/dev/null 2>&1; then
  send_sendmail
else
  mail -s "$subject" -A "$xlsx" "$TO" <"$md"    # GNU mailutils; s-nail uses -a
fi
exit "$status"
