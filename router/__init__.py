"""Message → action routing (export, credits, state, upload, chat): multilingual,
typo-tolerant, explainable. ``route(text, attachments, after=...)`` uses the built-in tables;
``Router.from_tables(skill.overrides)`` builds one per skill.

How a message is read, and why this way
---------------------------------------
Rules first, for precision; generalisation from two sources of data; a small learned model
only where the rules see nothing.

1. **Rules that tell a command from content** (``router/data/cues.yaml``): edit verbs send a
   message to the backend chat whatever action words it mentions; quotes are content;
   negations, postponements, questions *about* an action ("how long does the export take?",
   "can I export in 4K?"), how-to questions, price questions and the subject of a video ("a
   video explaining how to check your balance") cancel the action words of their clause.
   These are what keep chat away from actions, and they are words, per language, not
   sentences. Questions about how the product behaves are the commonest false action in
   what people write, so the cues name those kinds too: how a feature works or who may
   use it ("how do credits work?", "can others see the project?"), how credits behave
   ("do unused credits roll over?", "lost if a render fails?"), what an export or upload
   would do or accept ("several at once", "will it", "vertical videos?"), advice ("how
   many scenes should an ad have?"), a way to pay named beside a top-up ("充值能用微信支付
   吗"; grammar.yaml ``payments``), a part of the project asked what it is ("c'est quoi les
   calques exactement ?"; ``concepts``). Two kinds are read from a word class and the sentence
   form rather than listed one by one: a *which*-question cancels an export or upload in its
   question ("what codecs can you export in?", "哪些格式可以导出？"; ``which`` in cues.yaml,
   never a request to see the project: "welche Texte sind eingeblendet?"), and a question
   whether the project can be seen on a device cancels only a request to see it ("時間軸可以
   用手機看嗎？"; ``device``). What the product offers to choose from ("which voices are
   there?", "有哪些模板？", "어떤 템플릿 있어?"; ``catalogue``) is a product question: beside no
   thing of the project, a bare "which … are there" is not read as a request to see it.
   Not knowing whether ("不知道我的积分还够不够", "no sé si …") is a question, not a
   negation, and a negation counts against a frame's words only in their own
   sentence ("Perdone, no sé mucho de computadoras. ¿Me lo podría dar en mp4?" asks).
   Negation is read clause by clause, so a clause that only puts the action off ("export
   it, but not now", "書き出して、でも今じゃなくて"; ``postpone``) puts off the action of the
   clause before it; one that says more ("mándamelo, mañana lo subo") does not. A take-back
   typed after a request ("make the title bigger… forget it, just render the final", "算了",
   "やっぱいいや"; ``retract``) drops what came before it when nothing or a new request
   follows it, and a change the speaker supposes in a question ("if I change the font, do I
   have to export again?"; grammar.yaml ``conditional``) asks for no export after it.
   Clauses end at connectors and marks, and also where a Korean action stem takes a joining
   ending before a request ("내보내고 크레딧 얼마 남았는지 알려주세요": both are done;
   grammar.yaml ``joins_after``), which no table lists because it is typed onto the stem.
2. **Phrases** (``phrases.yaml``): what stands for an action by itself ("export", "积分",
   "進捗"). Every phrase, cue and frame word is also read as people type it without the
   keyboard's help: an es, pt, fr or de phrase without its accents ("salio", "ca coute",
   "enleve"; German umlauts spelt out, "aendere"), and a phrase of two or more words in chat
   shorthand ("lo q llevamos", "can u send", "vc pode"; ``shorthand`` in cues.yaml). Both
   are built from the tables when they are compiled, never over a phrase of its own; words
   under five letters keep their accents ("si"/"sí", "mas"/"más"), and so does a one-word
   interrogative ("cuando" also joins clauses: "mándamelo cuando puedas").
   Japanese katakana words are also read in hiragana ("えくすぽーと", "くれじっと": dictation,
   or a keyboard that did not convert), for runs of four kana or more ("かっと" is a word of
   its own). The small closed lists the rules read around a hit (particles, the speaker's
   own will, possessives, past endings) are data too: ``grammar.yaml`` (``router.grammar``).
3. **Frames** (``frames.yaml``): a request *form* and an *object* of one action in one
   sentence make that action: "can I see" / "show me" / "what's in" × "the timeline" /
   "the clips"; "send me" / "gib mir" / "给我" × "the final mp4" / "die Datei" / "成品";
   "how many" / "还剩" × "credits" / "quota" / "次数". People ask for the same things in
   ever new sentences, but mostly by combining a known way of asking with a known name of
   the thing; listing both as classes of words generalises to combinations never seen,
   where a phrase table only memorises the sentences it was given (the issue's 73 %).
   A short message that names only an object ("the final mp4?", "timeline pls") asks for it,
   unless a request form of another action and language stands beside it ("envoie le plan
   du chien à la fin" moves a shot; "plan" is not the English plan). Likewise a clause that
   is only a way of handing something over ("c'est dans la boîte, envoie", "送ってもらえる？",
   "보내줄래?") asks for the finished video: only "send it (to me)" forms, never a generic
   "give me", and only when the clause holds almost nothing else. A light verb right before
   an action's own noun ("haz el render y me lo mandas", "fais l'export"; ``light``) edits
   nothing: the noun is the request.
   First-time users name neither the file nor the project: they ask for "what you made",
   to "keep it", to "put it on my phone", where to "pick it up", what "you have done so far",
   what "it looks like now", whether they "have to pay" or "can still make more". These are
   frames too (``export.made``, ``.device``, ``.keep``, ``.pickup``, ``.post``;
   ``state.done``, ``.look``, ``.walk``, ``.shown``; ``credits.pay``, ``.more``, ``.free``,
   ``.buy``), each pairing
   the everyday verb with what makes it a request rather than content: the pronoun ("keep it",
   never "keep the music"), "my" phone (a phone in a scene is content), a now-word ("what does
   the fade look like?" is a question), a still-word ("can I make another one with a cat?" is
   a creative request). A way of asking that holds a how-word ("wie bekomm ich das aufs
   Handy", "cómo lo meto en el móvil") is listed whole, so the how-word does not read it as a
   how-to question; so are hand-overs that hold their where-word ("where can I get it?",
   "어디서 다운받아요?", the bare ``export.handover`` forms: "where can I get music?" is not
   one). "Do I need to buy more?" is one object ("can I buy more credits?" asks how to buy).
   The destinations are also ``device`` cues, so "can I see the project on my phone?" stays
   a question.
4. **Context** (``contexts.yaml``): a short follow-up ("ok do it", "好的", "dale") means an
   action only right after a given reply of the runtime; the caller passes that reply as a
   value (``after``), the router keeps no state. A follow-up is short and names nothing of
   another action: "manda el clip del perro al final" after the timeline is an edit.
   A yes that opens the message followed by a word that puts something first ("ok but make
   it shorter first", "네 근데 먼저 좀 짧게요"; the context's ``first`` words) is the edit, then
   the action; "wait, first change the colour" (no yes) and "ok, but how long will it
   take?" (a question) are not.
5. **A learned fallback** (``router.intent``, weights in ``intent.json``): naive Bayes over
   words, word prefixes and CJK character pairs, trained by ``python -m router.train`` on the
   training items only. It is asked only when the rules found nothing to decide on, and
   believed only when confident and when a word of the predicted action's frames is in the
   message. Replaying batches as they arrived, it recovered about half of the actions the
   rules missed for lack of a pair, at about one false action in 250 chat messages. A model
   trained on a few thousand messages cannot be trusted with content and negation; rules
   can. Weights are data and inference is pure Python (a dictionary lookup per feature): no
   numpy, the five core dependencies stay.
   The same model gives a second opinion on an action the rules read from a phrase or frame in
   a longer message: when it is all but certain the whole message is chat (a request for a
   video whose description names an action, a dialect negation no cue knows), the message
   stays chat. Its threshold was set on a replay of batches 08 and 09 as they arrived, and
   lowered (0.99999 to 0.999, then 0.99, then 0.97 in the thirty-second round) on replays of
   fresh batches as they arrived: chat that reads as a request is the commonest error on fresh
   messages, and the rules, tuned on what was seen, cannot list what was not (see
   ``router.train``); a message that is little more than its phrase is never second-guessed,
   so routing "export" never loads the model, and a request that is a sentence of its own, or
   the last clause after a pause in Chinese or Japanese, is never overruled.
   A second small model of the same kind reads a caption sent with files: when the rules find
   no edit verb or placement word in it but the model is sure it says what to do with the
   file ("this goes right after the beach part", "ça va juste après la plage"), the caption
   goes to the chat after the upload; it never takes away an instruction the rules found.
   Nor is it asked of a caption that hands the file over in so many words, read with caption
   words of their own (``Tables.captions``, never scanned in a message without files): a
   question about receiving the file ("can you grab it?", "¿lo puede usar?", "这个能用不",
   "파일 열리세요?": a verb of getting, opening or using it with at most two words after it,
   no other edit verb or request cue), where a linked file is ("my son put the photos on this
   link", "店面照片放這": a verb of putting there gives no instruction), or what the file is,
   in one clause ("this is the clip of the kids singing", "ロゴです"). Such a question's "?"
   asks nothing of the video, and a download verb in it gets the linked file ("können Sie das
   runterladen?"), it asks for no export.

6. **Arbitration** (``router.intent``'s ``arbiter``): an edit verb beside an action that is not
   its follow-up wins by rule, except when the learned model is all but sure the message asks
   for that action: the verb then reports, asks whether something was done or says what the
   user will do ("what's left on my plan? My nephew set this up", "which clips did you put
   in?"). With only words of an action's frames beside the verb, the model's own choice wins
   at a stricter threshold: the verb is often a noun ("今の編集状況見せて", "看下现在剪到哪了").
   A message that opens with the edit verb is an instruction and is never arbitrated.
   A question and a request in sentences of their own are read as condition and request ("is
   it done? if so, send it") only when the question comes first; a question after a
   statement is no condition of it ("I'm starting the christening video … How many credits
   do I have left?"). Two requests of export, credits and state in clauses of their own
   ("export it and check my credits", "how many credits are left? and what's on the
   timeline?", "帮我export一下 顺便看看还剩多少积分") are both done, in the order asked (reason
   ``both``: the first is the action, the second ``then``): the user wants both, and the
   backend's assistant can do neither. Both actions named with neither asked for ("wenn der
   Export fehlschlägt, verliere ich dann Credits?") is left to the model, which keeps it chat
   when all but sure; the model breaks a tie only within one clause. A described video
   subject ("a video that explains, step by step, how to check your balance") runs to the
   end of its sentence. An action asked for after a pending change ("once that's fixed,
   please give me the finished video", "depois de corrigir, me manda"; edit verbs that also
   join clauses) comes after the change: chat, then the action; so does an action the
   learned model overrules when it follows a connector ("抜いてから、mp4で書き出して").
7. **Nothing to do** (reasons ``declined`` and ``follow-up``): a message that only declines or
   puts off an export or upload ("先别导出", "not yet" after an offer), or a bare yes with no
   reply before it ("dale"), is chat that the runtime answers itself: the backend's assistant
   has nothing to do with it.

The route's ``language`` comes from ``router.language`` (the one detector of the runtime); the
caller may give the language the user wrote in before (``prior_language``), which settles
messages that fit several languages equally ("no", "加字幕") and never overrides their words.

Everything is measured on a corpus written by people who never saw these tables, with a test
split frozen before any tuning (``router.corpus``, ``tests/router/corpus/``).

Twenty-first round: measured, mostly not merged
-----------------------------------------------
Three tuners and an engine pass worked on the kinds the last round left. The engine pass's two
changes are in (the full-width "？"/"：" checks ``normalize`` made dead, removed; the language
detector's votes shared, ~190 KB fewer tuples; routes unchanged), and so are the model
helper's measurements (``router.train``: nothing beat the shipped naive Bayes on both counts;
``benchmarks/router_candidates.py``, ``router_asked.py``). The two table rounds lifted their own
probes and check sets (precision: chat 105 → 179 of 180; recall: requests 119 → 140 of 168) and
did not lift the held-out figures, measured by the lead on each alone (counts only;
tests/router/final/README.md): the precision branch lost 3 of the 9,540 final messages (2
false actions fewer, 5 state requests lost) and 1 of the 4,630 test messages, and cost
1.03–1.05× the time per message; the recall branch lost 1 final message and gained 2 test
messages. The recall branch was merged first and then taken out again (its revert follows its
merge in the history): a review of it found requests lost in kinds neither held-out set has
many of ("restore my credits please", "哪里能弄到积分" read as edits by the new undo verbs and
edit-verb forms; "make it a slideshow so i can post it", "love the finished edit!" read as
exports). One fix of it is kept: with files after an export offer, a yes that puts an edit
first keeps the edit for the chat (``_with_files``). Both branches stay in the repository
(``router``, ``router2``) with their probes and reports. What did move the held-out figures is
the learned model's veto, lowered from 0.999 to 0.99 on the model study's replay of train parts
(``router.train``; chosen before any held-out figure was taken): all twenty-two final batches
94.6 → 94.7 % (9,022 → 9,035 of 9,540), chat → action 88 → 75 of 3,366 (2.6 → 2.2 %); the test
split (4,630 with batch 59) 4,389 → 4,388, chat → action 36 of 1,677 before and after; fresh
batch 59 (retired people and content creators) 89.3 %, the lowest since batch 37. Tuning tables
on probes moves the probes: three rounds of it have moved the held-out figures by less than
half a point.

Twentieth round: recall by kinds (batch 56 taken in on main)
------------------------------------------------------------
The tables memorise wordings (train 98.9 %, held out 94.2 %), so this round worked from the kinds
of request the router missed on fresh batches as they arrived (``benchmarks/router_replay.py``'s
method: each batch's train part routed by the commit it was measured on) and wrote new probes for
each kind in the nine languages, with look-alike chat (``tests/router/probes/recall-20.yaml``;
right/total at f698d95 → this round; the requests 472/733 → 615/733, their look-alike chat
157/171 → 157/171): a hand-over of the video asked with a format is a preference, not a question
about formats (10/54 → 46/54; "kannst du mir das Video in 1080p geben?": in ``_apply_scopes`` a
hand-over frame of the video in a question keeps its spec, not beside the user's device), and
the hand-over forms in their other word orders (modal + clitic + verb: "me puedes pasar", "vous
pourriez m'envoyer", "krieg ich"); whether the balance runs out, asked with a negation (21/54 →
41/54; "no credits left?", "¿ya no tengo saldo?": in a question a negation does not cancel
credits, ``_balance_asked``; 是不是 / 有没有 / 会不会 are questions); whether the edits asked for
are done (10/27 → 24/27, ``state.edited``; zh/ja/ko as one word with its question: "改完了吗",
"修正終わった？"); which thing was put in, asked with the editor's past (12/27 → 24/27;
``state.chosen``, ``state.perfect``); where or when a thing turns up (14/27 → 24/27,
``state.where``); a walk through the video scene by scene, a summary asked with a light verb and
a short adjective (41/54 → 48/54; the light-verb rule takes up to four short words, then the
object right after the noun); asking how to get the finished video onto one's device (8/27 →
15/27, ``export.howget``; not in English, where it cost a test-split chat message); polite
Japanese and Korean requests (37/42 → 41/42); delivering it, said alone ("可以交付了", "tu peux
livrer", "kannst liefern": ``export.handover``, 17/27 → 25/27); taking the video as it is
(``export.take``); Japanese "the same as last time" read as no about-cue ("前回と同じようにmp4で
送ってください");
making the video itself a file or downloadable (27/54 → 33/54, ``export.convert``); the month's
or account's balance, what the edits cost. A second probe set written after the changes and never
tuned on (``recall-20-check.yaml``): requests 17/45 → 42/45, chat 8/9 → 8/9. Every train item
was routed before and after each change and every change that broke one was narrowed: none
broken, 11,314 → 11,325 of 11,456 (ef47ee1's corpus), chat sent to an action 11 → 11; the
model needs no retraining (frames are not its data; ``--check`` clean). Tried and dropped: the
order of things ("what order are the songs in?": advice questions about order became state);
the verb-final German "schicken" and "will ich" as hand-overs of the video (a test-split chat
message; "das Video will ich meiner Oma zeigen"); generation verbs with the final version ("fais
la vidéo finale avec plus de musique" became export); "is the / are my" + "already in" (hid
"here are my clips"); "je la prends" alone (the model then read "voilà, celle-là, je la prends"
as export with no offer before it); forms that begin with an edit verb ("turn it into", "make it
a", "mach eine"): when no object follows, a longer frame phrase hides its edit verb ("upload a
photo of my dog and turn it into a video" became an upload). 147 frame phrases of the tables do
that; reading the edit verb inside an unpaired form is an engine change (``tables.py``), left.
Test split (figures only; ``python benchmarks/router_bench.py --no-speed --no-final``), main
ef47ee1 → this round: batches 01–56 (4,492) 4,254 → 4,259 (94.7 → 94.8 %), chat → action 43 →
43 of 1,630; es 94.9 → 95.0, fr 93.7 → 93.9, pt 94.5 → 95.0, ja 93.5 → 93.6, de 94.0 → 94.0,
ko 95.0 → 95.0; export recall 91.3 → 91.6, state 92.9 → 93.0, credits 94.2 → 94.3. The probes'
kinds are rarer in the test split than on the probes: still short of 95 % in zh-Hans (93.2),
fr, de, ja. Per message, paired with main in one run (``router_bench.py --speed-only --against
/work/main``, load 3.6): best-of-six median 0.998×, p99 0.978× main's.

Measured in the twentieth round (precision: chat that reads like a request)
--------------------------------------------------------------------------
The twenty finals sent 85 of 3,042 chat messages to an action, most by a phrase; train items 4 of
4,088: the tables had memorised the wordings they were tuned on. This round names the *kinds*,
each in the nine languages, as word classes and sentence forms rather than wordings. Someone
else's words reported (cues.yaml ``report``: "said", "说", "dice", "って言", "라는데") with a
doubt about them or a question of meaning (``doubt``: "is that true", "啥意思", "stimmt das",
"뭐예요") leave the action of the reported sentence to the user's question (``_told``); a report
alone stays a relayed request ("my boss says: send me the file"), and a doubt about one's own
balance stays credits. A balance or project owned by someone else (``person`` and the grammar
around it: "my husband's credits", "los créditos de mi esposo", "我老公的积分", "夫のクレジット",
"남편 크레딧"; ``_theirs``) and a comparison with what someone else has ("than me", "比我多",
"나보다") are not the user's. The speaker's own plan for later is read for every action, its will
at the end of the clause ("クレジット確認しときます", "크레딧 확인해볼게요") or in a first person
before it ("a fin de mes reviso", "schau ich mir … an"), a time to come in the sentence (days of
the week, "after lunch", "月末", "월말에"; Chinese: a time, then "再": "下午我再看看积分"), also
for a thing named alone (``_wanted``). Text to show after a label and a colon is content (``label``:
"the banner should read: Download our menu", "la frase final: …", "橫幅寫：…"; ``_label``), and so
is what a screen recording shows. How credits cost and opinions of them, UI parts asked about,
laughter with no way of asking (the learned fallback may not read "這版好醜喔 哈哈哈" as a request)
are cue lists and one guard; whether someone else may see it *too* ("can my sister see the
project too?", "동생도 프로젝트 볼 수 있어요?") is a question about the product (``_owner``).
Probes written for the kinds before any change (``tests/router/probes/precision-20.yaml``,
``python benchmarks/router_probes.py``): chat 284 → 376 of 388 (reported 33 → 49 of 55, product
51 → 62/63, later 27 → 51/54, others 36 → 54/54, screen 41 → 52/54, content 42 → 54/54, banter
54/54), look-alike requests 93 → 94 of 94; the access kind, added last with its rule, 4 → 18 of
18 (requests 5/5). Probes
written after the rules and measured before tuning on them: ``precision-20-check.yaml`` 75 → 136
of 162 chat (main → 43e8440; 160 once tuned on), ``precision-20-check2.yaml`` 72 → 108 of 126
(main → 892351a; 125 once tuned on), every look-alike request kept (27, 11). Fresh batch 56
(family and community life) on this branch before merging it: 93.3 %, chat → action 10 of 162,
main 93.6 % and 10: these kinds were not its false actions; its train part's were taken after
(a question of the difference as a doubt, weekdays as times to come, "要花钱"). Every change was
checked against every train item's route (none broken at the end; one broken on the way, by "说"
as "tell me" in "给我从头说一遍", taken back with the user's own words as ``ignore``). Test split
(figures only; ``python benchmarks/router_bench.py --no-speed --no-final``), main → this round:
batches 01–56 (4,492) 4,254 → 4,264 (94.7 → 94.9 %), chat → action 43 → 34 of 1,630 (2.6 → 2.1
%); per label export 794 → 795, chat 1,738 → 1,747, the others equal. Three cues that cost
requests were found by switching classes off one at a time and reading the aggregate figure
only (ko "괜찮네요" as a verdict, ja "わからない" as a doubt, zh "到时候再"), and dropped for the
reasons given in their commits. Train items (``--train``): 11,314 → 11,318 of 11,456, chat →
action 11 → 7 of 4,202. Tried and dropped: the learned fill-in asked to hold a form, a question
or a request cue (an as-arrived replay of batches 31–55, each routed with a model trained on the
batches before it: of 164 fill-ins 4 were false, the guard took back 4 and lost 16 right ones);
"showing it to my mum" as an ``about`` cue (it cancelled "send it to me please so i can show my
sister"); "pour une vidéo", "système", "lo de los", "何クレジット" as price cues (each broke a
train request). Per message, paired with main in one run (``--speed-only --against``, main's
tree as an archive), load 6.9–7.4: best-of-six median 1.028–1.047×, p99 1.06–1.10×: the new cue
classes add about 3 % more hits to scan and read.

Measured in the twentieth round (captions sent with files or a media link)
--------------------------------------------------------------------------
No new batch: this round is about one decision, whether a caption beside files or a link only hands
them over (upload) or asks for something (upload, then chat), where about one in seven of the
router's errors on messages written by others lay, most of them hand-overs sent on to the chat.
Probes were written first, per kind and language, with files and with links
(``tests/router/probes/captions-20.yaml``, 106; ``python benchmarks/router_probes.py``), and main
(ef47ee1) read 85 right: questions about receiving the file 1 of 13 (any "?" made an instruction),
where a linked file is 6 of 9 (its verb of putting was an edit verb), placements without a verb 9
of 12. A second set was written after the first changes (b5694a1; ``captions-20b.yaml``, 54), a
third after the last (dc6d2ba; ``captions-20c.yaml``, 54, not tuned on). The kinds, by general
means: a hand-over question is read from its parts (``receive`` verbs and the link itself,
``ability`` forms, nothing after the verb but the file: "does this link work?" too), a few phrases
whole (``handover``: "use this one", "你抓一下"); where the file is (``stored``, with a link only);
what it is, in one clause (``describe``); where the file goes or in what order (``placement``:
"goes after", "por fecha", "zuerst", "後半に", "바로 전에", "abajo a la derecha"). Those words are
a table of their own, scanned only with files: as entries of the main table they took words from
other messages ("能" a question from "一次最多能传几个文件？", "use it" the edit verb of "please
use it as the ending", "auf youtube" the platform cue of another), and the placements as request
cues of the main table made routing about 8 % slower (many begin with common words: "in", "en",
"の", "中"; ``--speed-only --against`` main, best of 6 per message: 1.08, 1.03 once they moved).
Probes, main → this round: first set 85 → 106 of 106 (hand-over questions 1 → 13 of 13, where 6 → 9
of 9, placements 9 → 12 of 12, descriptions 26 → 27 of 27, unsure hand-overs 17 → 18 of 18,
instructions with a verb 8 → 9 and edit questions 18 → 18); second set 40 → 50 of 54; third set 50
→ 52 of 54. No instruction probe of the three sets is lost. Train items (``--train --misses``, each
compared before and after every change): 11,314 → 11,328 of 11,456, none lost, no then-chat item
lost (14 captions fixed: batch 15's hand-over questions in zh-Hans, es, de, pt, "物件影片我放雲端了
<link> 你抓一下", "店面照片放這 <link>", "my son put the wedding photos on this link, hope you can
get them", batch 55's "use this one" / "用这个" / "用這個" / "この動画使って" beside a link,
"昨日の配信アーカイブです" and "元の配信はこれ <link>" ("配信" is no edit verb: ja ``ignore``), and
an instruction: "町内会の盆踊りの曲です <link> これを後半に流して" (a placement also counts beside
what the rules read as a hand-over; so does a corner: "here's the logo, bottom right corner the
whole time", which main and the round until then sent to an upload alone in en, fr, de)). Test
split (figures only, ``python benchmarks/router_bench.py --no-speed --no-final``): 4,254 → 4,256 of
4,492 (94.7 %); it was 4,257 before a bare hand-over phrase's edit verb was made to hand over only
a caption that says little else, kept because "use this, but only the chorus" asks. Instructions
were also written against the new rules (33: a description then what to do, "can you use the first
ten seconds only?", a placement after the link …), main against this tree: two were lost on the way
("kannst du nur das Ende verwenden?", "use this, but only the chorus"), none at the end. The
caption model is unchanged (trained as before, threshold 0.95) and reads what a hand-over question
leaves; replayed leave-one-batch-out on the 250 train captions that reach it now (18 of them
instructions): 0.9 recovers 16 and sends 7 hand-overs on, 0.95 14 and 4, 0.98 13 and 2; trained on
those captions alone, 6 or 7 at any threshold. Tried and dropped: the model asked without the
clause that says the file is being sent ("subiendo mi intro, aguanta"; replayed: one more hand-over
sent on, none recovered); caption words as entries of the main table (above); "那段後面" and
"順番に" as placements (they took words of state frames: "狗狗洗澡那段後面接哪一段？" became chat);
"でした" and zh "是" as descriptions (they took an ``about`` cue and a question); placements that
hold a connector ("justo después", "logo depois", "紧接着"). Left: verbless noun phrases the model
reads as instructions ("우리 딸 졸업식", "unser Umzug in Bildern", "我们家狗狗第一次游泳", "ok I
think I attached it right", "sorry it took so long!"). Added last, after the third set was measured
(52 of 54): the file failing to open as a condition (``unless``: "開けなかったら教えてください",
"안 열리면 알려 주세요" were instructions by their request forms; 54 of 54 since, tuned on). Speed
(``python benchmarks/router_bench.py --speed-only --against <main checkout>``, load 5.6): this tree
/ main, best of 6 per message, median 1.035, p99 1.021; the caption words are scanned only for
messages with files.

The twentieth round's three branches merged (06af6af, with the engine pass, which routes every
message as the merge without it: 178,928 compared): test split 94.7 → 95.1 % (4,254 → 4,270 of
4,492), chat → action 43 → 34 of 1,630; the twenty-one final batches, measured by the lead only,
94.2 → 94.6 % (8,566 → 8,602 of 9,090), chat → action 89 → 83 of 3,204 (2.6 %); zh-Hans 94.4,
zh-Hant 94.8, es 94.5, fr 94.0 and ja 93.6 still under 95 %. Each branch's probes moved far
more than these figures: the kinds probed are rarer among what others write than the probes
make them.

Measured in the nineteenth round (batch 55: people who use other video and social apps)
---------------------------------------------------------------------------------------
Fresh, before any tuning on it (``python benchmarks/router_fresh.py /work/holdout/batch-55.yaml``):
batch 55 (writer NN, people who use CapCut, 剪映, 抖音, VITA, 카카오톡 and ask with those apps'
words: "save it to my camera roll", "publish", "share link", "no watermark", "drafts"; the writer
says the nine languages share one template of scenarios) 92.0 % at 8696817 (chat → action 5 of 162,
3.1 %; pt 88, de 90 %; export recall 82.7, upload 90.7 %). The learned model retrained with the
batch fixed 6 train items and lost one ("como tá o primeiro corte?", fixed again below). The tuning
is kinds, each written in the nine languages and checked against every train item routed before and
after (each train item's route dumped and compared item by item: none broken by a table change; 22
fixed in all, every one batch 55's, 293 → 315 of its 320 train items): an export that crashes "every
time" is a complaint ("iMovie plante a chaque export", "capcutで書き出すたびに落ちる", ``about``:
"every time i", "à chaque", "bei jedem", "たびに", "때마다", "每次导出") and so is how another app
does it ("in capcut i just tap export…", "剪映里导出就直接进相册了", "캡컷에서는 내보내면…"; "export
it like in capcut" still asks: "like in <app>" is ``ignore``); "save it to my camera roll" and its
kin in each language are the file, also after a change ("字幕改成黄色 弄完直接保存到相册": chat,
then export); the HD version asked for is the file (``export.clean``: "can i get the HD one with no
watermark now", "我要無浮水印的高畫質檔"; the watermark words stay ``spec``, so "puedo exportar sin
marca de agua?" stays a question, which is also why "can i get the hd version without watermark?"
stays chat); the share link asked for ("gib mir den teilen-link", "共有リンクちょうだい"); drafts
are the project ("ist mein entwurf noch da? zeig mal", "下書き見せて", "임시저장한 거 보여줘"), how
long drafts are kept is a product question ("임시저장은 며칠 유지돼?", "草稿能保存几天？"), "draft
me …" an edit; posting it oneself after the hand-over does not take the hand-over back ("直接给我mp4
我自己发抖音", ``ignore`` "我自己发", "eu mesmo posto"); a style comparative is an edit ("schnitt
etwas dynamischer"); a free quota run out ("ya se me acabó la cuota gratis?"), how many cuts it has,
the first cut (state). Probed, not from train misses: an advice question about cuts stays chat
("quantos cortes eu preciso pra um reels?", ``howto``); "gib mir drei Titelvorschläge" (the
retrained model read it as export at 0.99: a chat phrase now); a watermark or blur in the video
already downloaded is a report ("ダウンロードした動画に透かしが入ってる" went to state, "다운받은
영상에 워터마크가 있어" and "la vidéo finale dans ma galerie est floue" to export); saving it as a
draft keeps the project and asks for no file ("save it as a draft for now", "guárdalo como
borrador", "とりあえず下書き保存して", "일단 임시저장해줘" went to export, "先存草稿" to state);
"啥意思" asks what a word means, like "什么意思" ("积分是啥意思" went to credits). A first try made
every count of days an ``about`` cue (for "how long drafts are kept") and "每次" one by itself: the
test split lost a credits item (576 of 614), probes showed why ("会员还有几天到期？", "무료 체험
며칠 남았어?"), and the cues now name keeping ("保存几天", "며칠 유지") and "每次导出". Tried and
dropped: app names alone as ``about`` cues (broke "the final cut" and "download it the way capcut
does"), the crash verbs alone ("donne-moi le fichier avant que ça plante encore" asks), the
watermark phrases as frame objects (they shadowed the ``spec`` cue: "puedo exportar sin marca de
agua?" became export), "use this one" + a link as a plain upload (the caption model still reads "use
this one" as an instruction; batch 55's writer labels it upload in four languages: left). Test split
(figures only; ``python benchmarks/router_bench.py --no-speed --no-final``), before any change
(batch 55 copied in) → this round: batches 01–55 (4,363) 4,128 → 4,134 (94.6 → 94.8 %), chat →
action 44 → 41 of 1,582 (2.8 → 2.6 %); per language zh-Hans 93.3 → 93.3, es 94.5 → 94.9, de 94.3 →
94.5, ja 93.1 → 93.3, ko 94.2 → 94.6 (en, zh-Hant, fr, pt equal); export recall 91.3 → 91.6, credits
94.3 → 94.0, state 92.9 → 93.0, upload 97.0 → 97.2, chat 96.3 → 96.5. The credits loss is the
retrained model's (579 → 577 at 9ad7677, measured per commit). Train items: 10,986 → 11,008 of
11,135, chat → action 7 → 4 of 4,088. Still short: 95 % in zh-Hans, es, fr, de, pt, ja, ko, 1 % chat
→ action, and batch 55's train misses left (a link captioned "use this one" / "用这个" / "この動画
使って", labelled a plain upload; "書き出し設定は1080p/30fpsで、そのまま書き出し実行して", where the
settings clause is read as an edit). No speed measurement this round (tables only, no engine
change).

Measured in the eighteenth round (batch 53: voice dictation, messages relayed for someone else)
-----------------------------------------------------------------------------------------------
Fresh, before any tuning on it (``python benchmarks/router_fresh.py batch-53.yaml``): batch 53
(writer KK, voice-dictated messages with fillers, spoken punctuation and a speech recogniser's
homophones, and messages relayed for a boss, a client, a teacher, a mother; the writer says the
nine languages share a scenario template, so a kind comes about once per language) 92.0 % at
ded584d (chat → action 7 of 162, 4.3 %; zh-Hans 84, fr 88, ja 88 %; export recall 87.7, state 87.5
%). The tuning is kinds, each written in the nine languages and checked against every train item
routed before and after (a script dumping each train item's route, compared item by item: none
broken by a table change; 28 fixed, 23 of them batch 53's, 5 older ones): someone else's verdict
on the progress, relayed, asks to see nothing ("ma cheffe trouve que ça avance bien",
"部長が進み具合いい感じだねって言ってました": reported opinions as ``howto`` cues); a budget for
credits asked of someone else ("额度的事我先跟领导申请一下预算 回头再说": ``price``); how far the
edit has got, asked for someone else ("客户问现在剪到什么程度了", "…弄好没有 现在啥 情况": "…没有"
asks); someone else wants to see it, then "show me" typed on without punctuation ("mi jefa quiere
ver cómo va me enseñas lo que llevamos": show-me imperatives as state phrases that open a clause,
``opens``; Japanese "ので" joins clauses like "から"); a request for the file relayed ("le client
demande la vidéo finie", "Sie bittet um die endgültige Fassung", "…もらえない かと言われてます",
"받을 수 있냐고 물어보세요"); a change, then the file sent on to the one who asked ("… et de lui
envoyer le fichier ensuite", "改完直接把成片发他"); what a recogniser writes ("mp cuatro",
"엠피포", 导出 heard as "倒出来", 匯出 as "會出" only beside what makes it a request) and spoken
punctuation ("comma", "逗點", "virgule", "question mark", "new line", "句號", "改行": pauses and
separators); the balance nearly gone asked with "没有". Probed for the persona, not from train
misses: someone else liking the finished video or having downloaded it (``thanks``: the learned
model read "a minha chefe adorou o vídeo final" as export), someone else telling the balance
(``past``), an update on the video ("he wants a quick update on where the video is"; es and pt
read "¿me das una actualización del video?" as a request for the file), someone else downloading
it themselves ("mi jefe lo descarga él mismo"), a change to the finished video said with a
comparative ("成片的logo再大一点", "o logo do vídeo final um pouco maior": edit verbs; the
finished video beside them was read as a request for it), the credits page. Older train misses by
kind: credits bought "separately", what the timeline's coloured bars are and what a product word
points at (``howto``), "… or do I have to save it myself?" (``about``). Two English cues were too
broad and now need their sense: "back" (price) and "work" (howto) cancelled every action of their
clause ("send me back the final video", "nobody at work knows … render it out for me"). The model
retrained with batch 53 read "字幕を見せて" as state (showing the captions is the chat's business,
as in the other languages: a chat phrase now; "字幕の一覧を 見せて", the list of them, stays
state) and arbitrates "le client demande si la vidéo finale peut être plus courte" as export
(left: arbitration does not read the ``about`` cue "demande si"). Tried and dropped: a bare
Portuguese "mandar" form (two of the user's own sendings went to export), infinitive forms with
their object ("mandar o arquivo": the article left the object and two requests were lost), "會出"
alone ("他明天會出國"), "bitte jetzt" + the file (arbitrated "bitte jetzt die Datei kürzen" to
export), "视频的情况" as a state phrase ("视频的情况我不太满意"). Test split (figures only;
``python benchmarks/router_bench.py --no-speed --no-final``, measured after each step), ded584d →
this round: batches 01–53 (4,233) 4,004 → 4,007 (94.6 → 94.7 %), chat → action 43 → 42 of 1,536
(2.8 → 2.7 %); batches 01–50 (4,111) 3,893 → 3,895, 40 → 40 of 1,494; batch 53's test part 111 →
112 of 122, 3 → 2 of 42; per language on 01–53 en 96.6 → 96.8, de 94.2 → 94.4, pt 94.7 → 94.5, ja
92.7 → 93.1 (the others equal); export recall 91.3 → 91.5, credits 93.9 → 94.1, upload 97.3 → 97.1
(state 92.8, chat 96.3 → 96.4). Between two measurements (4,006 after the retrained model, 4,005
after the relayed statements and the older misses' kinds) es lost a state item; the timeline's
bars were then narrowed to their colour for a reason of their own ("muéstrame las barras" asks to
see them) and the figure did not move; "back" and "work", narrowed for the probes above, brought
it to 4,007. Train items: 10,665 → 10,693 of 10,815, chat → action 12 → 4 of 3,972. Still short:
95 % in zh-Hans, es, fr, de, pt, ja, ko (93.1–94.6 % on 01–53), 1 % chat → action, and the kinds
left in ``tests/router/corpus/README.md`` (a Chinese request split only by a space from someone
else's words, "… 最终版视频现在能下了吗 他说直接发文件就行"; "然後會出" at the end of a change; a
hand-over typed on after someone else's need in pt and ko, where the hand-over is a form, not a
phrase that can open a clause; a content word of the purpose before a hand-over in a clause of its
own, "the client wants it for his bank presentation, send me the final video").
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``, main at da0d376, whose router is the seventeenth round's),
three runs at load 3.9–4.1 on two cores: best-of-six median 1.007, 1.008, 0.998× main's, p99
1.015, 1.017, 0.986×; the every-pass figures were noisier (median 0.988–1.040×, p99
1.031–1.255×).

Measured in the seventeenth round (batches 49 and 50: small businesses mid-session, video jargon)
--------------------------------------------------------------------------------------------------
Fresh, before any tuning on them (``python benchmarks/router_fresh.py``): batch 49 (writer EE,
small-business owners mid-session, chat-heavy: statements and questions about credits, progress,
files) 91.8 % at 8ffcc5a (chat → action 15 of 189, 7.9 %; export recall 84.7 %), batch 50 (writer
FF, video professionals' jargon) 92.2 % at 7e25020, measured after 49's tuning (5 of 162, 3.1 %;
de and ja 84 %). Before either was opened, kinds probed in the nine languages for what the brief
said they would hold: how fast the credits go and what they cost against hiring someone
(``price``), a verdict ending the clause of a progress word in a message that asks nothing ("el
progreso va genial", "目前的进度很不错": ``_apply_scopes`` reads the verdict clauses), the master
and the deliverables as the file ("マスターを送って", "les livrables"; "to master" a verb). Then
the two batches' train parts, each kind written in the nine languages and checked against every
train item routed before and after (a script dumping each train item's route, compared item by
item: none broken by a table or rule change, 27 fixed; retraining the model with batch 49 turned
one, "did the clips I sent make it in?", left as it is, and with batch 50 one more, given back
by a content cue): a verb of making before (or after) a
name of the finished file that ends its clause asks for it ("génère la version finale", "finale
Version erstellen": ``_drop_light_verbs`` with the export objects that may stand alone; not with
what to change, after a change, or an indefinite video); getting it onto one's computer; the
user's own sending announced for a time to come; a price said as an opinion; deciding later
whether to download; where a thing stands in the order; rendering part of the material (the
B-roll, proxies) is an edit; "bounce it out", "print the master", "rausrendern", 完パケ; the rough
or fine cut is the project as it stands; hiding the balance a screen recording shows is an edit;
the balance running out as the condition of another question ("wenn das Guthaben leer ist, krieg
ich dann ne Mail?": ``price``); a download the speaker will do at a time to come, now read in
Japanese and Latin script too (``_own_plan``: "今夜家帰ってからダウンロードしますね", "ich werde es
heute Abend runterladen"; English "tonight" stays an ignore word, so "I'll download it tonight"
is left).
Test split (figures only, measured after each step; ``python benchmarks/router_bench.py --no-speed
--no-final``, main's figures with ``--root`` on an archive of 16a1354), main → this round: batches
01–50 (4,111) 3,889 → 3,892 (94.6 → 94.7 %), chat → action 40 → 40 of 1,494 (2.7 %); batches
01–46 (3,834) 3,631 → 3,634 (94.7 → 94.8 %), 33 → 33 of 1,381; per language on 01–50 en 96.1 →
96.5, zh-Hans 93.5 → 93.3, es 94.8 → 94.4, de 94.3 → 94.5, ko 94.1 → 94.7 (the others equal);
export recall 91.4 → 91.5, state 92.7 → 92.9. Two steps cost the test split a false action each
(getting it onto a computer, 38 → 39 on 01–49, given back by the next step; batch 50's kinds,
40 → 41, given back by the balance running out as a condition): left as measured, the test items
are not read, and kinds were narrowed only where a reason other than the figure said so ("first
cut", "what's remaining", "on the computer" name other things too). Train items: 10,363 of
10,487, chat → action 8 of 3,852. Still short: 95 % in zh-Hans, es, fr, de, pt, ja, ko (92.9–94.7
% on 01–50), 1 % chat → action, and the kinds left in ``tests/router/corpus/README.md`` (what a
product word means, "I'll download it tonight", dialect hand-overs).
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``, two cores) at 0c6471a, load 7.5: best-of-six median 45.8
against 45.0 µs (1.017×), p99 190.5 against 185.6 µs (1.026×): within the noise of a loaded
machine; at 5992e67 (the round's end), four runs at load 3–4.6: best-of-six median 1.017, 1.086,
1.090, 1.022× main's (32.7–37.3 against 32.2–34.2 µs), p99 1.016, 1.094, 1.118, 1.002×: up to
about 9 % slower in the noisier runs, which the larger tables (14,517 keys against 14,030) and the
verdict and light-verb checks may cost; not measured apart from the noise here.

Measured in the sixteenth round (batches 45 and 46: follow-ups mid-session, learners)
------------------------------------------------------------------------------------
Fresh, before any tuning on them (``python benchmarks/router_fresh.py``): batch 45 (writer CC,
mid-session follow-ups with ``after``, references to earlier turns) 92.0 % at 643eacf (chat →
action 4 of 162; export recall 82.7, credits 82.5 %), batch 46 (writer DD, second-language
learners with grammar mistakes and terse natives) 93.3 % at 2e6c745, measured after 45's
tuning (chat → action 22 of 162, 13.6 %: opinions and questions about the product in its own
words). Precision, the largest gap, got one structural change: the learned model's veto
(point 5) at 0.999 instead of 0.99999, chosen on a replay of batches 31–46 as they arrived
(``python benchmarks/router_replay.py``: each batch's train part routed by the router and model
of the commit it was measured on, which had seen neither): 2,595 → 2,608 of 2,840 right, chat
→ action 72 → 60 of 1,057; leave-one-batch-out on the train parts, which counts the cost only
(the rules were tuned on every fold), 9,034 → 9,032 of 9,216, 17 → 13 of 3,272. The replay's
false actions left are mostly credits and state words in statements and questions about the
product, in messages too short for the model to be asked; lowering the word count that gates
it (6 → 4) or raising the fill-in threshold bought nothing there. A request in a sentence of its
own ("I don't like the font. Export anyway") is not second-guessed by the other sentences. The
rest is kinds, each written in the nine languages and checked against every train item routed
before and after (none broken; 5 older train items written by other writers fixed by 45's
kinds): a participle is no typo of the imperative ("el video exportado no tiene sonido" was
"expórtalo"); "like last time" says how; what the session has cost so far (``credits.spent``,
never alone); enough for one more version; "after the changes, … now"; a past edit said in
passing; autosave, a whole folder, what the export will be like; an opinion of the credit system
and what a plan costs a month (``price``); what the timeline's colours mean; a title after a
colon; after the download; whether others can download it; where the clips were shot; a balance
the user tells ("I have a lot of credits"); a hand-over asked with its format ("can you send me
the video in 1080p?": a ``spec`` no longer cancels an ``opens`` phrase). Test split (figures
only, measured after each step), main (643eacf) → this round: batches 01–46 (3,834) 94.5 →
94.7 %, chat → action 38 → 33 of 1,381 (2.8 → 2.4 %); batches 01–43 (3,583) 94.5 → 94.6 %,
35 → 32 of 1,294. Still short: 95 % in zh-Hans, fr, pt, ja, ko (92.8–94.5 % on 01–46), 1 % chat
→ action, and the kinds left in ``tests/router/corpus/README.md``. Last, a how-question reaches
over a plain connector in its sentence ("what is the difference between render and export?",
"how do I trim it and export?"; a hand-over after it is still asked for: ``_read``'s carry);
it fixed two train items and left the test split as it was.
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``, two cores): at 047ec35, load 5.8, best-of-six median 33.4
against 34.8 µs (0.962×), p99 133.2 against 139.4 µs (0.955×); at 3879b59, load 7.5, 30.8
against 31.2 µs (0.985×), p99 114.5 against 121.2 µs (0.945×): no slower.

Measured in the fifteenth round (batches 42 and 43: chat that looks like a request, run-ons)
--------------------------------------------------------------------------------------------
Fresh, before any tuning on them (``python benchmarks/router_fresh.py``): batch 42 (writer Z,
chat-heavy, hard negatives: plans for later, reported speech, conditions, praise, questions
about how things work) 92.4 % at e9b721f (chat → action 31 of 216, 14.4 %: what the writers of
requests never wrote), batch 43 (writer AA, run-on messages without punctuation) 87.8 % at
4757c26, measured after 42's tuning and the run-on rule below (8 of 162; export recall 66.7,
credits 81.0 %). One engine change for the run-on kind the fourteenth round left, made before
either batch was opened and probed in the nine languages: an imperative that hands the file to
the speaker (cues.yaml ``opens``: "pásame el video", "send me the video", "发给我", "動画を送って",
"영상 보내줘"; ``Cue.OPENS``, marked with its plain spellings) typed on after a scoped cue of
its clause, a word between (after CJK or Hangul a space is enough), starts a clause of its own:
"el cliente lo quiere ver hoy pasame el video", "お客さんが今日見たいって 動画を送って" ask for the
file; "how do i send it to me" and "怎么才能发给我" stay how-questions (``_run_on``). The tuning
is kinds, each checked against every train item routed before and after (none broken):
what someone else told the user to do and what a product word means ("my son told me to export
it but what does that mean", "说要导出", "하라는데"); someone else's account or balance; a
condition on what it costs; the user's own sending announced for later, a time to come before
the upload in its clause or across a connector alone ("amanhã te mando as fotos",
"下禮拜我再傳照片給你": ``_sends_later``); a title or heading the video is to show; clauses
ended without punctuation by "算了", "まあいいや", "-겠는데"; what uploading costs, automatic
billing and running out. Leave-one-batch-out over the train parts (``python
benchmarks/router_cv.py``, shipped model): 8,087 → 8,112 of 8,262 with batch 42's kinds, chat
→ action 33 → 11 of 2,930; 8,385 → 8,393 of 8,567 with 43's, 17 → 13 of 3,035. The model
retrained with batch 43 read "how do I get it to loop?" as export: a how-question by rule now.
A second run-on kind, made last: a thing of the video whose name holds an action word, typed
on after asking for the file ("gib mir die mp4 den abspann brauchen wir nicht mehr"), leaves
the request standing (``_outvoted`` reads ``_run_on``; 2 train items fixed, none broken).
Test split (figures only), main (e9b721f, the fourteenth round's router) → this round:
batches 01–43 (3,583) 94.3 → 94.5 %, chat → action 36 → 35 of 1,294 (2.8 → 2.7 %); batches
01–39 (3,308) 94.6 → 94.7 %, 27 → 27 of 1,174. (Measured at 1af1658, 94.4 % on 01–43, and
again after the last kind, cb40160; nothing was decided on those figures.) Still short: 95 % in
zh-Hans, es, fr, de, pt, ja, ko (92.5–94.9 % on 01–43), 1 % chat → action, and most of the
run-on kind: the rule reads only the listed hand-overs, after a scoped cue; a negation or a
statement typed on after the request, without a space in Japanese, still cancels it
("mp4で送って字幕はなくていいです", "このままでいいのでレンダリングして もう触らないです").
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``): at 1af1658, three runs at load 2.1–2.2 on two cores,
best-of-six median 0.986, 0.996 and 1.004× main's, p99 0.959–1.044×; at cb40160, nine runs at
load 3.3–3.8, best-of-six median 0.996–1.052× (1.023 the median run), p99 0.997–1.073×: about
1 %, at the limit the brief sets, and noisy at that load. Profiled over the train items
(cProfile, two passes) the learned model is asked less often than main's (4,182 against
4,228 scores); ``_read`` costs about 0.3 µs more a message under the profiler (the cue
branch moved into ``_read_cue``, a call per cue hit, to keep ``_read`` within ruff's
statement limit).

Measured in the fourteenth round (batches 38 and 39: people who ask in their own words)
------------------------------------------------------------------------------------
Fresh, before any tuning on them (``python benchmarks/router_fresh.py``): batch 38 (writer V,
people who never used a video editor, polite, at length) 84.7 % at b191035 (chat → action 3
of 162; export recall 61.7, state 77.8, credits 87.3 %), batch 39 (writer W, phone and
voice-typed, no punctuation) 84.9 % at 4472cbd, measured after 38's tuning (2 of 162; export
75.3, credits 73.0, state 72.2 %). The changes are kinds, each checked against every train
item routed before and after (``benchmarks/router_routes.py``: none of them broke a train
item) and probed with messages written for it in the nine languages: the user trials' false
exports (a Korean time to come or condition before the file in the speaker's own will is a
plan, "내일 다운받을게요", "마음에 들면 다운받을게요": ``_own_plan``; a verdict in the clause
after a thing named alone praises it, "完成した動画、最高です"; a Chinese ignore phrase that
begins with a way of asking for the file names who it goes to, "我要给我妈看这个视频");
coming back and asking where things stand ("where did we leave off", "por dónde íbamos");
contentment accepting an export offer ("go on then, I'm happy with it", "就这么办");
the video as it stands ("지금 상태 그대로 영상 주세요", no request to see the state); the
balance without its name ("还有剩吗", "without paying more", "il m'en reste ?") and whether the
free trial is over (a new frame, ``credits.trial``: the trial, or "the free" with its
article, never a bare "free"); a change then the file "finished" (a clause whose only cue is
a progress word says nothing of the file); how-words of getting it onto one's phone listed
whole with the pronoun or the video ("como faço para guardar esse vídeo", "要怎麼存到我手機");
a hand-over with where it will be posted ("para ponerlo en el Facebook"); whether something
was put in, asked "…没有" or "… o no"; someone sending the user something only later
("明天才会传给我"); doubt about how to send a file is no instruction for the chat.
Leave-one-batch-out over the train parts (``python benchmarks/router_cv.py``, shipped model):
7,502 → 7,522 of 7,645 with batch 38's kinds, 7,776 → 7,792 of 7,942 with batch 39's; chat →
action 6 → 6 and 8 → 6. Two probes the retrained model no longer read are rules now ("mp4로
주시면 돼요", "ça va juste après la plage" with a file). Test split (figures only, measured
at the end), main (cf6f5f2, the thirteenth round's router) → this round: batches 01–39
(3,308) 94.3 → 94.6 %, chat → action 28 → 27 of 1,174 (2.4 → 2.3 %); batches 01–34 (3,022)
95.4 → 95.6 %, 25 → 24 of 1,063; export recall 90.8 → 91.8, credits 93.3 → 93.7, state 91.7
→ 91.9 (01–39). Still short: 95 % in zh-Hans, es, fr, de, pt, ja, ko on 01–39 (92.8–94.8 %),
1 % chat → action, and writer W's run-on messages, where a request follows a statement with no
punctuation between and the statement's cue ("el cliente lo quiere ver hoy pasame el video")
cancels it.
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``, seven runs at load 4–5 on two cores): best-of-six
median 0.997–1.029× main's (1.020 the median run), p99 1.001–1.058×; against the round's start
(b191035, three runs) 0.998–1.020×: about 2 %, at the limit the brief sets. The learned
model is asked as often as before (1,943 against 1,951 scores on the train items); the rest is
the larger tables.

Measured in the thirteenth round (batches 33 and 34, two new writers)
--------------------------------------------------------------------
Fresh, before any tuning on them (``python benchmarks/router_fresh.py``): batch 33 95.8 % at
9babed1 (chat → action 9 of 162, 5.6 %: shopkeepers' "estado de whats", accents left out),
batch 34 97.1 % at a71a7ce (4 of 162, 2.5 %; measured after 33's tuning). The changes are kinds,
each checked against every train item routed before and after, and probed with messages
written for it in the nine languages: the spellings above; after an export offer, a yes then a
complaint, a question or a remark accepts nothing ("yeah but the subtitles are out of sync",
"ja, wie groß wird die Datei denn?"; contexts.yaml ``but``: contrast words put a change first
only when an edit verb follows); questions about what the finished video holds ("成品有字幕吗",
said-verbs of having); what happens if the balance runs out; someone else's balance or
download; asking for the file later, said now ("等老师看过了我再跟你要文件"); sending
*you* a file ("dir … schicken"); what the user sent and whether it was used (``state.used``);
content that names an order's status, a download button, an export company, a trade balance,
a messenger status; how credits behave month to month; examples of what the product makes;
the balance in a story of the past, in a message that asks nothing ("my credits ran out last
month so I upgraded"; a ``past`` cue class); thanks for the file, which say it was received
("danke für das fertige Video"; a ``thanks`` cue class, read before a file named alone).
Engine changes: a CJK frame phrase inherits from a shorter one only the meanings of its own
action ("我傳的", what I sent, is no "我傳", I'm sending); the learned fallback reads no export
where a clause sends a file and no form asks for one ("영상 파일 보낼게요"), and is not asked
beside a thing with an action word in its name (an ``ignore`` phrase holding an action phrase,
marked when the tables are built: "the status page said …") or beside thanks for one. Test
split (figures only, measured at the end), main (85294d0) → this round: batches 01–34
(3,022) 95.1 → 95.4 %, chat → action 33 → 25 of 1,063 (3.1 → 2.4 %), de 94.6 → 95.2 %;
batches 01–31 94.9 → 95.3 %, 30 → 22 of 979. Still short: 95 % in en, fr, pt, ko
(94.4–94.8 %) and 1 % chat → action.
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``, three runs at load 7–8 on two cores): best-of-six median
1.003–1.025× main's, p99 1.008–1.043×; alone (``--no-final``, load 7) median 32.1 µs of one
pass, 29.1 µs best of three, p99 111.5 µs best of three. The tables hold about 12,500 keys
against 10,400: loading them from the compiled cache costs 0.6–0.9 ms more. A frame form that
lost its export meaning to a too-strict inheritance rule cost the messages that used it a
model check (29 µs instead of 16) until the rule was kept to CJK script.

Measured in the twelfth round (batches 29 and 31, two new writers)
-----------------------------------------------------------------
Fresh, before any tuning on them (``python benchmarks/router_fresh.py``): batch 29 96.4 % at
2b2ed55 (chat → action 4 of 162), batch 31 92.2 % at c3c7c77 (12 of 162, 7.4 %: the most since
batch 18). Kept or dropped on the train parts only: leave-one-batch-out (``python
benchmarks/router_cv.py``, shipped model) from batch 31's intake to the end 6,567 → 6,591 of
6,686, chat → action 14 → 2 of 2,324. The changes are kinds: a put-off in a clause of its own
(``postpone``), a change then the file with no connector ("最后三秒剪掉 发我mp4"; the learned
model arbitrates first, so a verdict then a request stays the request), only the file follows a
change, uploading elsewhere said after asking for the file, Japanese and Korean conditionals in
a question (したら, -으면), what the timeline screen shows, what the video is to show with the
video as subject, whether uploading is free, a light verb before a request noun with its
object ("make me a summary of the project"), someone else wanting to see it first ("my boss
wants to see the timeline first"), the user's own sending asked about or gone wrong, a
timeline *style* as content. Test split (figures only, measured at the end), main → this
round: batches 01–27 95.0 → 95.2 %, chat → action 22 → 23 of 880; batches 01–31 94.7 →
94.9 %, 30 → 30 of 979. The probes' kinds are not the test split's: 1 % chat → action is
still far.
Per message, paired with main's router in one run (``python benchmarks/router_bench.py
--speed-only --against /work/main``, load 3–6 on two cores): best-of-six median 1.01–1.02×
main's (28.5 against 28.1 µs), p99 1.03–1.05× (an identical router paired the same way reads
0.99–1.02× and 0.97–1.02×). Timed message by message, the median is the same (28.0 against
28.2 µs); the slower messages are the ones now routed further (a frame the learned model
checks: "could you give me the finished file so I can upload it to youtube?").

Measured in the tenth round (batch 23: everyday users of all kinds)
-----------------------------------------------------------------
Fresh, before any tuning on it (``python benchmarks/router_fresh.py batch-23.yaml``): 93.3 % at
8cf1e77 (main's router, bd38e20, routes it the same), chat → action 4 of 162 (2.5 %); export
recall 87.7, credits 98.4, state 84.7, upload 98.1 %. Test split of batches 01–23 (2,238; figures
only), main → this round: 94.2 → 94.4 %, chat → action 18 → 17 of 785; zh-Hant 96.7 → 97.6,
fr 92.9 → 93.3, de 92.6 → 93.0, ja 95.0 → 95.4; export recall 90.2 → 90.6, state 92.9 → 93.2,
upload 95.0 → 95.4. The changes are kinds: a verb said of a file named alone makes a statement
about it ("le fichier est corrompu"; the ``said`` cues), an upload form beside such a file is the
user's own sending, what the video should show is content, whether it is still being made
(``state.running``: a still-word beside a progressive of making, "还在跑吗", "läuft die
Generierung noch?"), collecting it after a change, either/or questions about what is offered
("por e-mail também ou só por aqui?"), not remembering (no negation), imperatives that put it
on one's phone, everyday edit verbs (agrandis, größer, 抜いて); and two table faults: a frame
phrase that begins with a shorter one keeps that one's frames ("el archivo final",
"送ってください"), and a form ending with the first word of its object ("it on" + "on my
phone") no longer hides it. Leave-one-batch-out over the train parts (``python
benchmarks/router_cv.py``, same folds, 7811d01 → this round): 97.8 → 98.2 %, chat → action 7 → 6
of 1,870; the rules alone 92.6 → 93.3 %; batch 23's fold 92.4 → 98.7 % (tuned on, so it says only
that its kinds were learnt). Per message, best of three passes (load ~2): median 35.4 µs against
main's 36.0. Not reached: 95 % in en, fr, de, pt, ko; 1 % chat → action.

Measured in the ninth round (batch 21: busy people mid-edit, indirect wording)
---------------------------------------------------------------------------
Fresh, before any tuning on it (``python benchmarks/router_fresh.py batch-21.yaml``): 91.6 % at
5e69a29 (main's router routes it the same), chat → action 4 of 162 (2.5 %); export recall 86.4,
credits 90.5, state 87.5, upload 90.7 %. Test split (never tuned on; figures only), main
(72b9f8e) → this round: batches 01–20 (1,960) 93.5 → 94.2 %, batches 01–21 (2,105) 93.4 →
94.1 %; en 91.0 → 92.8, fr 92.3 → 93.2, es 94.0 → 94.9, pt 93.5 → 94.3; export recall 88.9 →
90.0, state 91.7 → 93.2; chat → action 16 of 735 in both. The changes are kinds, each written
out per language and checked against chat → action on the whole train part: a change then a
clause that only hands it over ("corta o final e depois me manda"; ``_follow_up``), a hand-over
beside another action's time word ("¿ya me lo puedo llevar?"; ``_bare_form``), Korean "may I"
endings (-아도 돼요), whether something was put in ("did you add …", "加进去了吗"), which thing
was chosen (``state.chosen``), a shared link (``export.link``), destinations (inbox, drive,
WhatsApp), how to get *their* video, and advice and opinions kept chat ("what does a good
thumbnail look like", "is the timeline too long?"). Not reached: 95 % in en, fr, de, pt, ko;
1 % chat → action.

Measured in the eighth round (batch 20: first-time users' everyday wording)
-------------------------------------------------------------------------
Fresh, before any tuning on it (``python benchmarks/router_fresh.py batch-20.yaml``): 82.2 % at
cb16a7c (which already had the everyday frames, written from a description of such users),
chat → action 1 of 162; export recall 59.3, credits 77.8, state 76.4 %. Test split of batches
01–20 (1,960 messages; ``python benchmarks/router_bench.py --no-speed``): main 93.0 %,
cb16a7c 93.3 %, after tuning on batch 20's train part (a185009) 93.6 %; chat → action 14 of
684 in all three; export recall 87.4 → 88.4 → 89.2, credits 92.0 → 92.3 → 93.1, state 91.0 →
91.6 → 91.6. A second set of everyday frames written afterwards from the same description
(taking it away, a copy, where to download it, buying more: ec674c0, 898bcf7) left the
train items as they were and cost the test split 2 (93.5 %, export 88.9, credits 92.7).

Measured in the seventh round (batch 18, a new writer)
-----------------------------------------------------
Fresh, before any tuning on it (``python benchmarks/router_fresh.py batch-18.yaml``): 91.8 %
at c174b99, chat → action 13 of 162 (8.0 %; its writer typed questions without a question
mark). The sixth round's: batch 16 94.0 % at 2a8ff8a, batch 15 83.8 % at 6be6160.
Test split of batches 01–18 (1,825 messages, never tuned on; ``python
benchmarks/router_bench.py``; main's figures from the router of 49bcc5e on the same split):
93.5 → 94.1 %, chat → action 18 → 14 of 635 (2.8 → 2.2 %); per language en 90.6 → 92.2,
zh-Hans 95.2 → 95.2, zh-Hant 97.5 → 98.0, es 91.9 → 92.8, fr 92.0 → 94.0, de 93.0 → 93.4,
pt 95.1 → 95.1, ja 94.1 → 95.1, ko 92.4 → 91.4; recall export 89.8 → 90.3, credits
94.1 → 93.7, state 91.8 → 92.2, upload 92.6 → 94.9. The 1,714 of batches 01–16 alone:
93.8 → 94.3 %, chat → action 15 → 13 of 604.
Leave-one-batch-out over the fourteen train parts (``python benchmarks/router_cv.py``; before:
the same script and folds with main's code, whose rules had not seen batch 18): 97.8 → 98.1 %
(4,375 → 4,392 of 4,475), chat → action 14 → 6 of 1,534; the rules alone 92.7 → 93.1 %.
Per message, alternately with main on the same messages (``router_bench.py`` from each tree,
at a load average of 5–11 on two cores): median about 6 % lower (e.g. 45.9 against 47.8 µs);
the scan, the frame pairing, the language of Latin-script text and the learned features were
made cheaper with identical results on every corpus message.
Not reached: 95 % in en, es, fr, de, ko; 1 % chat → action; median ≤ 30 µs, p99 ≤ 150 µs
(reached, warm, by the compiled build of ``router.native``, not by the plain modules).

Built tables are cached on disk (``router.cache``): a process routing one message pays for
loading plain dicts, not for parsing YAML or building indexes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from router import native as _native

# Before any module of the package is imported: the compiled modules, when built for these
# sources (``router.native``), come first on the package's path.
_native.activate(__path__)

if TYPE_CHECKING:
    from router.core import Router, default_router, route
    from router.language import detect_language, detect_locale
    from router.model import REASONS, Match, Route
    from router.tables import ACTIONS, CONTEXTS

__all__ = ["ACTIONS", "CONTEXTS", "REASONS", "Match", "Route", "Router", "default_router",
           "detect_language", "detect_locale", "route"]

# Imported on first use: ``skill`` reads ``router.overrides`` when it loads a SKILL.md, and
# that must not cost the whole router.
_HOMES = {"Router": "router.core", "default_router": "router.core", "route": "router.core",
          "detect_language": "router.language", "detect_locale": "router.language",
          "REASONS": "router.model", "Match": "router.model", "Route": "router.model",
          "ACTIONS": "router.tables", "CONTEXTS": "router.tables"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'router' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
