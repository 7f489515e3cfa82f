#!/bin/sh
# report-browser.sh - the report page as a browser shows it: headless
# Chromium loads DIR/index.html from disk (no network), and its DOM holds
# the sections, the tables and a figure per chart; every image decodes (a
# probe copy of the page, beside it, counts the images that did not load;
# the same probe with a missing image must count one); and a screenshot of
# the page is made and is not blank.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chromium" ] || skip "no Chromium to render the page (Debian: apt-get install chromium)"
command -v gnuplot >/dev/null 2>&1 ||
	skip "gnuplot is not installed (Debian, Ubuntu: apt-get install gnuplot-nox)"
D=$TESTS_SRCDIR/data
cd "$scratch" || exit 1
HOME=$scratch
export HOME

"$LOCKBENCH" report "$D/report.csv" --out r >out.txt 2>err.txt && ok || fail "report: $(cat err.txt)"

# browse ARGS... URL: Chromium headless, its chatter on stderr dropped.
browse() {
	timeout 120 "$chromium" --headless --disable-gpu --no-sandbox --no-first-run \
		--user-data-dir="$scratch/profile" --virtual-time-budget=10000 "$@" 2>>chromium.log
}

browse --dump-dom "file://$scratch/r/index.html" >dom.html
check "Chromium dumped the DOM" grep -q '</html>' dom.html
for id in platforms runs sweep findings failures-table panel-1 panel-2 table-1 table-2; do
	grep -q "id=\"$id\"" dom.html && ok || fail "the DOM has no element with id '$id'"
done
figures=$(grep -o '<figure id="fig-' dom.html | wc -l)
charts=$(ls r/*.gp | wc -l)
check "a figure per chart ($figures figures, $charts charts)" [ "$figures" -eq "$charts" ]
check "the failed runs are rows of a table" [ "$(grep -o '<td class="bad">' dom.html | wc -l)" -ge 3 ]
check "CSV text stays text in the DOM" sh -c "! grep -qi '<script' dom.html"

# probe NAME EXTRA: a copy of the page (beside it, so that its images
# resolve alike) that, once loaded, writes how many images it has and how
# many did not decode into the body's attributes; EXTRA is put before it.
probe() {
	sed "s|</body>|$2<script>window.addEventListener('load', function () {\
var b = 0; for (var i = 0; i < document.images.length; i++) {\
var m = document.images[i]; if (!m.complete \|\| m.naturalWidth === 0) b++; }\
document.body.setAttribute('data-images', document.images.length);\
document.body.setAttribute('data-broken', b); });</script></body>|" r/index.html >"r/$1.html"
	browse --dump-dom "file://$scratch/r/$1.html" >"$1.dom"
}
probe probe ""
check "every image decodes: $(grep -o 'data-[a-z]*="[0-9]*"' probe.dom | tr '\n' ' ')" \
	grep -q "data-images=\"$charts\" data-broken=\"0\"" probe.dom
probe probe-bad '<img src="missing.svg" alt="missing">'
check "the probe sees a missing image: $(grep -o 'data-[a-z]*="[0-9]*"' probe-bad.dom | tr '\n' ' ')" \
	grep -q "data-images=\"$((charts + 1))\" data-broken=\"1\"" probe-bad.dom
rm -f r/probe.html r/probe-bad.html

# A screenshot: a PNG, and not a blank page (a blank one is a few KB).
browse --screenshot="$scratch/shot.png" --window-size=1280,3000 "file://$scratch/r/index.html" >/dev/null
check "a screenshot was made" [ -s shot.png ]
check "the screenshot is a PNG" [ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
size=$(wc -c <shot.png)
check "the screenshot is not blank ($size bytes)" [ "$size" -gt 100000 ]
finish
