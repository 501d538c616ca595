<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppOptions</name>
    <message>
        <source>Watch a real Mixture-of-Experts language model think.</source>
        <translation>Sieh einem echten Mixture-of-Experts-Sprachmodell beim Denken zu.</translation>
    </message>
    <message>
        <source>Run this prompt at start-up.</source>
        <translation>Diesen Prompt beim Start ausführen.</translation>
    </message>
    <message>
        <source>Save a PNG of the window once the runs settle, then quit.</source>
        <translation>Ein PNG des Fensters speichern, sobald die Läufe fertig sind, dann beenden.</translation>
    </message>
    <message>
        <source>Quit after this many seconds (taking the screenshot first).</source>
        <translation>Nach so vielen Sekunden beenden (vorher den Screenshot machen).</translation>
    </message>
    <message>
        <source>Open this GGUF model instead of the built-in one.</source>
        <translation>Dieses GGUF-Modell statt des eingebauten öffnen.</translation>
    </message>
    <message>
        <source>Colour theme: system, light, dark or contrast.</source>
        <translation>Farbschema: system, light, dark oder contrast.</translation>
    </message>
    <message>
        <source>Write frame times and the start-up time to FILE at exit.</source>
        <translation>Beim Beenden die Bildzeiten und die Startzeit in FILE schreiben.</translation>
    </message>
    <message>
        <source>Start in full screen.</source>
        <translation>Im Vollbild starten.</translation>
    </message>
    <message>
        <source>Start in classroom mode: full screen, projector-size.</source>
        <translation>Im Klassenzimmer-Modus starten: Vollbild, groß für den Beamer.</translation>
    </message>
    <message>
        <source>Language of the app: en or de.</source>
        <translation>Sprache der App: en oder de.</translation>
    </message>
    <message>
        <source>Open this lesson, at this step (1-based).</source>
        <translation>Diese Lektion bei diesem Schritt öffnen (ab 1 gezählt).</translation>
    </message>
    <message>
        <source>Start a quiz on this track.</source>
        <translation>Ein Quiz zu diesem Kurs starten.</translation>
    </message>
    <message>
        <source>Answer the quiz&apos;s first question with choice N (1-based).</source>
        <translation>Die erste Quizfrage mit Antwort N beantworten (ab 1 gezählt).</translation>
    </message>
    <message>
        <source>--theme must be system, light, dark or contrast, not &quot;%1&quot;</source>
        <translation>--theme muss system, light, dark oder contrast sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--lang must be en or de, not &quot;%1&quot;</source>
        <translation>--lang muss en oder de sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--quiz must be explorer, builder, creator or live, not &quot;%1&quot;</source>
        <translation>--quiz muss explorer, builder, creator oder live sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--quiz-answer needs a choice from 1 to 6, not &quot;%1&quot;</source>
        <translation>--quiz-answer braucht eine Antwort von 1 bis 6, nicht „%1“</translation>
    </message>
    <message>
        <source>--quit-after needs a number of seconds, not &quot;%1&quot;</source>
        <translation>--quit-after braucht eine Anzahl Sekunden, nicht „%1“</translation>
    </message>
    <message>
        <source>--screenshot needs a .png file name</source>
        <translation>--screenshot braucht einen .png-Dateinamen</translation>
    </message>
    <message>
        <source>Open this mode: %1.</source>
        <translation>Diesen Modus öffnen: %1.</translation>
    </message>
    <message>
        <source>--mode must be %1, not &quot;%2&quot;</source>
        <translation>--mode muss %1 sein, nicht „%2“</translation>
    </message>
    <message>
        <source>Choose this Playground preset (e.g. balanced, no-balancing).</source>
        <translation>Diese Voreinstellung im Spielplatz wählen (z. B. balanced, no-balancing).</translation>
    </message>
    <message>
        <source>Start training in the Playground at start-up; with --mode playground, --screenshot waits until the training has finished.</source>
        <translation>Beim Start im Spielplatz das Training beginnen; mit --mode playground wartet --screenshot, bis das Training fertig ist.</translation>
    </message>
    <message>
        <source>--playground-preset must be one of %1, not &quot;%2&quot;</source>
        <translation>--playground-preset muss eines von %1 sein, nicht „%2“</translation>
    </message>
    <message>
        <source>Write a worksheet for --prompt (the model&apos;s real routing on its answer page) to FILE.pdf, then exit.</source>
        <translation>Ein Arbeitsblatt zu --prompt (auf der Lösungsseite das echte Routing des Modells) als FILE.pdf schreiben, dann beenden.</translation>
    </message>
    <message>
        <source>Write a printed test of this track with its answer key to the PDF file given after the options (--export-quiz TRACK FILE.pdf), then exit.</source>
        <translation>Einen Test dieses Kurses zum Ausdrucken mit Lösungen in die PDF-Datei nach den Optionen schreiben (--export-quiz TRACK FILE.pdf), dann beenden.</translation>
    </message>
    <message>
        <source>Which test --export-quiz prints: the same number gives the same questions.</source>
        <translation>Welchen Test --export-quiz druckt: Dieselbe Nummer ergibt dieselben Fragen.</translation>
    </message>
    <message>
        <source>--export-worksheet needs a .pdf file name</source>
        <translation>--export-worksheet braucht einen .pdf-Dateinamen</translation>
    </message>
    <message>
        <source>--export-worksheet needs a prompt: add --prompt TEXT</source>
        <translation>--export-worksheet braucht einen Prompt: --prompt TEXT angeben</translation>
    </message>
    <message>
        <source>--export-quiz must be explorer, builder or creator, not &quot;%1&quot;</source>
        <translation>--export-quiz muss explorer, builder oder creator sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--export-quiz needs a track and one .pdf file name: --export-quiz TRACK FILE.pdf</source>
        <translation>--export-quiz braucht einen Kurs und einen .pdf-Dateinamen: --export-quiz TRACK FILE.pdf</translation>
    </message>
    <message>
        <source>--quiz-seed needs a whole number from 0 to 4294967295, not &quot;%1&quot;</source>
        <translation>--quiz-seed braucht eine ganze Zahl von 0 bis 4294967295, nicht „%1“</translation>
    </message>
    <message>
        <source>Show the hint of the quiz&apos;s first question (before any answer).</source>
        <translation>Den Tipp der ersten Quizfrage zeigen (vor jeder Antwort).</translation>
    </message>
</context>
<context>
    <name>BeliefBox</name>
    <message>
        <source>What do you think?</source>
        <translation>Was denkst du?</translation>
    </message>
    <message>
        <source>Keep my answer</source>
        <translation>Meine Antwort behalten</translation>
    </message>
    <message>
        <source>Not scored: there is no wrong answer to what you think now</source>
        <translation>Ohne Wertung: Was du jetzt denkst, kann nicht falsch sein</translation>
    </message>
    <message>
        <source>Kept. The same question comes back at the end of the track: see if your answer changes.</source>
        <translation>Gemerkt. Dieselbe Frage kommt am Ende des Kurses wieder: Schau, ob sich deine Antwort ändert.</translation>
    </message>
    <message>
        <source>At the start you said: &lt;i&gt;%1&lt;/i&gt;&lt;br&gt;Now you say: &lt;i&gt;%2&lt;/i&gt;</source>
        <translation>Am Anfang hast du gesagt: &lt;i&gt;%1&lt;/i&gt;&lt;br&gt;Jetzt sagst du: &lt;i&gt;%2&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Now you say: &lt;i&gt;%1&lt;/i&gt; (there is no answer from the start of the track)</source>
        <translation>Jetzt sagst du: &lt;i&gt;%1&lt;/i&gt; (vom Anfang des Kurses gibt es keine Antwort)</translation>
    </message>
</context>
<context>
    <name>ClassroomMode</name>
    <message>
        <source>One token</source>
        <translation>Ein Token</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>Voriges Token</translation>
    </message>
    <message>
        <source>Next token</source>
        <translation>Nächstes Token</translation>
    </message>
    <message>
        <source>Layer above</source>
        <translation>Schicht darüber</translation>
    </message>
    <message>
        <source>Layer below</source>
        <translation>Schicht darunter</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Abspielen / Pause</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>Schneller</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>Langsamer</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <source>Leave classroom mode</source>
        <translation>Klassenzimmer-Modus verlassen</translation>
    </message>
</context>
<context>
    <name>CompareCaption</name>
    <message>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>Run a math prompt and a poem to see whether they wake different experts.</source>
        <translation>Lass einen Mathe-Prompt und ein Gedicht laufen, um zu sehen, ob sie verschiedene Experten wecken.</translation>
    </message>
    <message>
        <source>No real difference: in every layer the two texts used the experts almost the same way (divergence below %1 bits). The router sent math and poem tokens to the same experts about equally often.</source>
        <translation>Kein echter Unterschied: In jeder Schicht haben die beiden Texte die Experten fast gleich genutzt (Divergenz unter %1 Bit). Der Router hat Mathe- und Gedicht-Tokens etwa gleich oft an dieselben Experten geschickt.</translation>
    </message>
    <message>
        <source>Yes: math and the poem woke different experts.</source>
        <translation>Ja: Mathe und das Gedicht haben verschiedene Experten geweckt.</translation>
    </message>
    <message>
        <source>A little: math and the poem used the experts somewhat differently.</source>
        <translation>Ein wenig: Mathe und das Gedicht haben die Experten etwas unterschiedlich genutzt.</translation>
    </message>
    <message>
        <source>expert %1 did %2 of the math work there and none of the poem&apos;s</source>
        <translation>Experte %1 hat dort %2 der Mathe-Arbeit erledigt und nichts von der Gedicht-Arbeit</translation>
    </message>
    <message>
        <source>expert %1 did %2 of the math work there but only %3 of the poem&apos;s</source>
        <translation>Experte %1 hat dort %2 der Mathe-Arbeit erledigt, aber nur %3 der Gedicht-Arbeit</translation>
    </message>
    <message>
        <source>expert %1 did %2 of the poem&apos;s work and none of the math work</source>
        <translation>Experte %1 hat %2 der Gedicht-Arbeit erledigt und nichts von der Mathe-Arbeit</translation>
    </message>
    <message>
        <source>expert %1 did %2 of the poem&apos;s work and only %3 of the math work</source>
        <translation>Experte %1 hat %2 der Gedicht-Arbeit erledigt und nur %3 der Mathe-Arbeit</translation>
    </message>
    <message>
        <source>The biggest difference is in layer %1 (%2 bits): %3, while %4.</source>
        <translation>Der größte Unterschied liegt in Schicht %1 (%2 Bit): %3 – und %4.</translation>
    </message>
    <message>
        <source>Every layer shows some difference (%1 bits on average).</source>
        <translation>Jede Schicht zeigt einen gewissen Unterschied (im Mittel %1 Bit).</translation>
    </message>
    <message>
        <source>In the other layer the two texts used the experts almost the same way.</source>
        <translation>In der anderen Schicht haben die beiden Texte die Experten fast gleich genutzt.</translation>
    </message>
    <message>
        <source>In all the other layers the two texts used the experts almost the same way.</source>
        <translation>In allen anderen Schichten haben die beiden Texte die Experten fast gleich genutzt.</translation>
    </message>
    <message>
        <source>In one other layer the two texts used the experts almost the same way.</source>
        <translation>In einer weiteren Schicht haben die beiden Texte die Experten fast gleich genutzt.</translation>
    </message>
    <message numerus="yes">
        <source>In %n other layers the two texts used the experts almost the same way.</source>
        <translation>
            <numerusform>In %n weiteren Schicht haben die beiden Texte die Experten fast gleich genutzt.</numerusform>
            <numerusform>In %n weiteren Schichten haben die beiden Texte die Experten fast gleich genutzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1 is dense: it has no router, so it is left out.</source>
        <translation>Schicht %1 ist dicht: Sie hat keinen Router und bleibt deshalb außen vor.</translation>
    </message>
    <message numerus="yes">
        <source>%n layers are dense: they have no router, so they are left out.</source>
        <translation>
            <numerusform>%n Schicht ist dicht: Sie hat keinen Router und bleibt deshalb außen vor.</numerusform>
            <numerusform>%n Schichten sind dicht: Sie haben keinen Router und bleiben deshalb außen vor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model&apos;s shared experts (%n) worked on every token of both texts, so they lean to neither.</source>
        <translation>
            <numerusform>Der geteilte Experte des Modells (%n) hat an jedem Token beider Texte gearbeitet, er neigt also keiner Seite zu.</numerusform>
            <numerusform>Die geteilten Experten des Modells (%n) haben an jedem Token beider Texte gearbeitet, sie neigen also keiner Seite zu.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>The model could not run: %1</source>
        <translation>Das Modell konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>Mathe</translation>
    </message>
    <message>
        <source>Poem</source>
        <translation>Gedicht</translation>
    </message>
    <message>
        <source>▶ Compare</source>
        <translation>▶ Vergleichen</translation>
    </message>
    <message>
        <source>Run both prompts and compare which experts did the work (Ctrl+Enter)</source>
        <translation>Beide Prompts laufen lassen und vergleichen, welche Experten die Arbeit gemacht haben (Strg+Enter)</translation>
    </message>
    <message>
        <source>%1 prompt</source>
        <translation>%1-Prompt</translation>
    </message>
    <message>
        <source>%1 presets</source>
        <translation>%1-Beispiele</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Compare&lt;/b&gt;: the model reads both texts, then the charts show which experts each one woke.</source>
        <translation>Drück auf &lt;b&gt;Vergleichen&lt;/b&gt;: Das Modell liest beide Texte, dann zeigen die Diagramme, welche Experten jeder davon geweckt hat.</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Beispiele…</translation>
    </message>
    <message>
        <source>Both prompts are needed: one with math, one from a poem.</source>
        <translation>Beide Prompts werden gebraucht: einer mit Mathe, einer aus einem Gedicht.</translation>
    </message>
    <message>
        <source>Reading and continuing the math text…</source>
        <translation>Der Mathe-Text wird gelesen und fortgesetzt…</translation>
    </message>
    <message>
        <source>Reading and continuing the poem…</source>
        <translation>Das Gedicht wird gelesen und fortgesetzt…</translation>
    </message>
    <message>
        <source>Both texts were read and continued (%1 and %2 tokens, prompts included). Every bar counts the experts the router really chose.</source>
        <translation>Beide Texte wurden gelesen und fortgesetzt (%1 und %2 Tokens, Prompts mitgezählt). Jeder Balken zählt die Experten, die der Router wirklich gewählt hat.</translation>
    </message>
    <message>
        <source>The text the model reads and continues (%1)</source>
        <translation>Der Text, den das Modell liest und fortsetzt (%1)</translation>
    </message>
    <message>
        <source>sampled at temperature %1 (seed %2)</source>
        <translation>mit Temperatur %1 gezogen (Seed %2)</translation>
    </message>
    <message>
        <source>written greedily</source>
        <translation>gierig geschrieben (immer das wahrscheinlichste Token)</translation>
    </message>
    <message>
        <source>%1, with no end of text before %2 tokens</source>
        <translation>%1, ohne Textende vor %2 Tokens</translation>
    </message>
    <message>
        <source>Math side: %1. Poem side: %2.</source>
        <translation>Mathe-Seite: %1. Gedicht-Seite: %2.</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare math and poem</source>
        <translation>Mathe und Gedicht vergleichen</translation>
    </message>
    <message>
        <source>Do math and poems wake different experts?</source>
        <translation>Wecken Mathe und Gedichte verschiedene Experten?</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Math text</source>
        <translation>Mathe-Text</translation>
    </message>
    <message>
        <source>Poem text</source>
        <translation>Gedicht-Text</translation>
    </message>
    <message>
        <source>Each expert&apos;s share of the work in</source>
        <translation>Anteil jedes Experten an der Arbeit in Schicht</translation>
    </message>
    <message>
        <source>Which layer the bars show (the chart starts where the texts differ most)</source>
        <translation>Welche Schicht die Balken zeigen (das Diagramm beginnt dort, wo sich die Texte am meisten unterscheiden)</translation>
    </message>
    <message>
        <source>Layer shown in the chart</source>
        <translation>Schicht im Diagramm</translation>
    </message>
    <message>
        <source>Count the prompt too</source>
        <translation>Prompt mitzählen</translation>
    </message>
    <message>
        <source>On: every token counts, the ones read from the prompt and the ones the model wrote. Off: only the tokens the model wrote itself.</source>
        <translation>An: Jedes Token zählt, die aus dem Prompt gelesenen und die vom Modell geschriebenen. Aus: nur die Tokens, die das Modell selbst geschrieben hat.</translation>
    </message>
    <message>
        <source>Count the prompt tokens too</source>
        <translation>Die Prompt-Tokens mitzählen</translation>
    </message>
    <message>
        <source>Usage per expert, math and poem</source>
        <translation>Nutzung pro Experte, Mathe und Gedicht</translation>
    </message>
    <message>
        <source>Indigo bars: math. Brown bars: the poem. The dashed line is an even share: what every expert would get if the router spread the work equally.</source>
        <translation>Indigofarbene Balken: Mathe. Braune Balken: das Gedicht. Die gestrichelte Linie ist der gleiche Anteil: so viel bekäme jeder Experte, wenn der Router die Arbeit gleichmäßig verteilen würde.</translation>
    </message>
    <message>
        <source>Difference map: which text each expert worked for more</source>
        <translation>Unterschiedskarte: für welchen Text jeder Experte mehr gearbeitet hat</translation>
    </message>
    <message>
        <source>Difference per layer</source>
        <translation>Unterschied pro Schicht</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>noch nicht gelaufen</translation>
    </message>
    <message>
        <source>%1 tokens read (bold), %2 written</source>
        <translation>%1 Tokens gelesen (fett), %2 geschrieben</translation>
    </message>
    <message>
        <source>These two runs cannot be compared. They come from models of different shapes (%1).</source>
        <translation>Diese beiden Läufe lassen sich nicht vergleichen. Sie stammen von Modellen mit unterschiedlicher Form (%1).</translation>
    </message>
    <message>
        <source>MATH</source>
        <translation>MATHE</translation>
    </message>
    <message>
        <source>POEM</source>
        <translation>GEDICHT</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>The bars appear when both texts have run.</source>
        <translation>Die Balken erscheinen, sobald beide Texte gelaufen sind.</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>Mathe</translation>
    </message>
    <message>
        <source>Poem</source>
        <translation>Gedicht</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>even share (%1%)</source>
        <translation>gleicher Anteil (%1&#xa0;%)</translation>
    </message>
    <message>
        <source>share of the layer&apos;s expert work</source>
        <translation>Anteil an der Expertenarbeit der Schicht</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>Leaning experts of the chosen layer</source>
        <translation>Zugeneigte Experten der gewählten Schicht</translation>
    </message>
    <message>
        <source>Sort by difference</source>
        <translation>Nach Unterschied sortieren</translation>
    </message>
    <message>
        <source>Orders each row&apos;s experts by how differently the two texts used them, the biggest difference first.</source>
        <translation>Ordnet die Experten jeder Zeile danach, wie unterschiedlich die beiden Texte sie genutzt haben, den größten Unterschied zuerst.</translation>
    </message>
    <message>
        <source>Layer %1 is dense: it has no router, so no expert can lean either way.</source>
        <translation>Schicht %1 ist dicht: Sie hat keinen Router, also kann kein Experte einer Seite zuneigen.</translation>
    </message>
    <message>
        <source>E%1 (math %2, poem %3)</source>
        <translation>E%1 (Mathe %2, Gedicht %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Layer %1 leans to math: %2. To the poem: %3.</source>
        <translation>Schicht %1 neigt zur Mathe: %2. Zum Gedicht: %3.</translation>
    </message>
    <message>
        <source>Layer %1 is dense: no router, so no bars</source>
        <translation>Schicht %1 ist dicht: kein Router, also keine Balken</translation>
    </message>
    <message>
        <source>Layer %1: the %2 experts with the biggest difference (of %3)</source>
        <translation>Schicht %1: die %2 Experten mit dem größten Unterschied (von %3)</translation>
    </message>
</context>
<context>
    <name>CostPanel</name>
    <message>
        <source>Active share of the parameters</source>
        <translation>Aktiver Anteil der Parameter</translation>
    </message>
    <message>
        <source>active %1%</source>
        <translation>aktiv %1&#xa0;%</translation>
    </message>
    <message>
        <source>asleep %1%</source>
        <translation>schlafend %1&#xa0;%</translation>
    </message>
    <message>
        <source>Multiply-adds of the weight matrices for one token, counted twice (multiply and add). A dense model of the same size runs every expert for every token.</source>
        <translation>Multiplikationen und Additionen der Gewichtsmatrizen für ein Token, doppelt gezählt (multiplizieren und addieren). Ein dichtes Modell derselben Größe rechnet für jedes Token jeden Experten.</translation>
    </message>
    <message>
        <source>Experts summed over all layers that did no work for this token.</source>
        <translation>Experten aus allen Schichten zusammen, die für dieses Token nicht gearbeitet haben.</translation>
    </message>
    <message>
        <source>How many tokens per second the model is generating right now.</source>
        <translation>Wie viele Tokens pro Sekunde das Modell gerade erzeugt.</translation>
    </message>
    <message>
        <source>Cost of the current token</source>
        <translation>Kosten des aktuellen Tokens</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>Cannot show the cost: %1</source>
        <translation>Die Kosten können nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>top-%1 routing instead of top-%2</source>
        <translation>Top-%1-Routing statt Top-%2</translation>
    </message>
    <message>
        <source>1 expert switched off</source>
        <translation>1 Experte abgeschaltet</translation>
    </message>
    <message>
        <source>%1 experts switched off</source>
        <translation>%1 Experten abgeschaltet</translation>
    </message>
    <message>
        <source>Experiment: %1.</source>
        <translation>Experiment: %1.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>This token used %1 of %2 parameters (%3%)</source>
        <translation>Dieses Token hat %1 von %2 Parametern genutzt (%3&#xa0;%)</translation>
    </message>
    <message>
        <source>FLOPs: %1 vs %2 for a dense model of the same size</source>
        <translation>FLOPs: %1 gegenüber %2 im dichten Modell gleicher Größe</translation>
    </message>
    <message>
        <source>Experts asleep: %1 of %2</source>
        <translation>Schlafend: %1 von %2</translation>
    </message>
    <message>
        <source>Run a prompt to see what each token costs.</source>
        <translation>Lass einen Prompt laufen, um zu sehen, was jedes Token kostet.</translation>
    </message>
    <message>
        <source>FLOPs: -</source>
        <translation>FLOPs: -</translation>
    </message>
    <message>
        <source>Experts asleep: -</source>
        <translation>Schlafend: -</translation>
    </message>
    <message>
        <source>Tokens per second: %1</source>
        <translation>Tokens pro Sekunde: %1</translation>
    </message>
    <message>
        <source>Tokens per second: -</source>
        <translation>Tokens pro Sekunde: -</translation>
    </message>
    <message>
        <source>%1 of %2 parameters were active for this token</source>
        <translation>%1 von %2 Parametern waren für dieses Token aktiv</translation>
    </message>
    <message>
        <source>latent attention</source>
        <translation>latente Attention</translation>
    </message>
    <message>
        <source>grouped-query attention</source>
        <translation>Grouped-Query-Attention</translation>
    </message>
    <message>
        <source>multi-head attention</source>
        <translation>Multi-Head-Attention</translation>
    </message>
    <message>
        <source>%1 with one fused QKV matrix</source>
        <translation>%1 mit einer gemeinsamen QKV-Matrix</translation>
    </message>
    <message>
        <source>%1 with biases</source>
        <translation>%1 mit Bias-Vektoren</translation>
    </message>
    <message>
        <source>embedding %1</source>
        <translation>Embedding %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>shared experts (%1 per layer) %2</source>
        <translation>gemeinsame Experten (%1 pro Schicht) %2</translation>
    </message>
    <message>
        <source>dense layers (%1) %2</source>
        <translation>dichte Schichten (%1) %2</translation>
    </message>
    <message>
        <source>routers and norms %1</source>
        <translation>Router und Normen %1</translation>
    </message>
    <message>
        <source>Every token uses: %1. Routed experts: %2 in %3 layers, %4 of %5 per layer chosen (%6).</source>
        <translation>Jedes Token nutzt: %1. Geroutete Experten: %2 in %3 Schichten, %4 von %5 pro Schicht gewählt (%6).</translation>
    </message>
    <message>
        <source>Parameters counted from the file&apos;s tensors:
embedding and output %1
attention: %2, %3
shared experts %4
dense layers %5
routers %6
norms %7
routed experts %8 (a token uses %9)
total %10, used by every token with top-k routing %11</source>
        <translation>Parameter, gezählt aus den Tensoren der Datei:
Embedding und Ausgabe %1
Attention: %2, %3
gemeinsame Experten %4
dichte Schichten %5
Router %6
Normen %7
geroutete Experten %8 (ein Token nutzt %9)
gesamt %10, pro Token mit Top-k-Routing genutzt %11</translation>
    </message>
</context>
<context>
    <name>ExperimentReport</name>
    <message>
        <source>&lt;b&gt;With %1:&lt;/b&gt; the model wrote “%2”</source>
        <translation>&lt;b&gt;Experiment (%1):&lt;/b&gt; Das Modell schrieb „%2“</translation>
    </message>
    <message>
        <source>&lt;b&gt;As trained:&lt;/b&gt; the model wrote “%1”</source>
        <translation>&lt;b&gt;Wie trainiert:&lt;/b&gt; Das Modell schrieb „%1“</translation>
    </message>
    <message>
        <source>&lt;br&gt;As trained it wrote “%1”%2</source>
        <translation>&lt;br&gt;Wie trainiert schrieb es „%1“%2</translation>
    </message>
    <message>
        <source> — the same text.</source>
        <translation> – derselbe Text.</translation>
    </message>
    <message>
        <source> — the text changed.</source>
        <translation> – der Text hat sich geändert.</translation>
    </message>
    <message>
        <source>&lt;br&gt;✔ %1 = %2 is right.</source>
        <translation>&lt;br&gt;✔ %1 = %2 ist richtig.</translation>
    </message>
    <message>
        <source>&lt;br&gt;✘ Not right: %1 = %2.</source>
        <translation>&lt;br&gt;✘ Nicht richtig: %1 = %2.</translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <source>&lt;b&gt;Experiments&lt;/b&gt;</source>
        <translation>&lt;b&gt;Experimente&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Change the routing and watch what changes: the text, the answer, the speed, the parameters used. The prompt runs again after every change.</source>
        <translation>Ändere das Routing und beobachte, was sich ändert: der Text, die Antwort, das Tempo, die genutzten Parameter. Nach jeder Änderung läuft der Prompt neu.</translation>
    </message>
    <message>
        <source>How many experts each layer wakes per token. All experts = a dense model.</source>
        <translation>Wie viele Experten jede Schicht pro Token weckt. Alle Experten = ein dichtes Modell.</translation>
    </message>
    <message>
        <source>Experts per token</source>
        <translation>Experten pro Token</translation>
    </message>
    <message>
        <source>Switch experts off (or click a cell of the grid):</source>
        <translation>Experten abschalten (oder auf ein Kästchen im Raster klicken):</translation>
    </message>
    <message>
        <source>Reset experiments</source>
        <translation>Experimente zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the model&apos;s own routing: its top-k, every expert on</source>
        <translation>Zurück zum eigenen Routing des Modells: sein Top-k, alle Experten an</translation>
    </message>
    <message>
        <source>Expert %1 of layer %2: on when ticked</source>
        <translation>Experte %1 in Schicht %2: an, wenn angehakt</translation>
    </message>
    <message>
        <source>Layer %1 expert %2</source>
        <translation>Schicht %1, Experte %2</translation>
    </message>
    <message>
        <source>Experts per token: &lt;b&gt;all %1&lt;/b&gt; (dense: nobody sleeps)</source>
        <translation>Experten pro Token: &lt;b&gt;alle %1&lt;/b&gt; (dicht: keiner schläft)</translation>
    </message>
    <message>
        <source>Experts per token: &lt;b&gt;%1&lt;/b&gt; of %2%3</source>
        <translation>Experten pro Token: &lt;b&gt;%1&lt;/b&gt; von %2%3</translation>
    </message>
    <message>
        <source> (as trained)</source>
        <translation> (wie trainiert)</translation>
    </message>
    <message>
        <source>all %1 experts per token (dense)</source>
        <translation>dicht: alle %1 Experten pro Token</translation>
    </message>
    <message>
        <source>top-%1 routing</source>
        <translation>Top-%1-Routing</translation>
    </message>
    <message numerus="yes">
        <source>layer %1: expert %2 off</source>
        <translation>
            <numerusform>Schicht %1: Experte %2 aus</numerusform>
            <numerusform>Schicht %1: Experten %2 aus</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Layer to experiment on</source>
        <translation>Schicht für das Experiment</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Experte</translation>
    </message>
    <message>
        <source>Expert to switch</source>
        <translation>Experte zum Umschalten</translation>
    </message>
    <message>
        <source>Switch off a group of this layer:</source>
        <translation>Eine Gruppe dieser Schicht abschalten:</translation>
    </message>
    <message>
        <source>the</source>
        <translation>die</translation>
    </message>
    <message>
        <source>How many experts to switch off</source>
        <translation>Wie viele Experten abgeschaltet werden</translation>
    </message>
    <message>
        <source>most math-leaning</source>
        <translation>am stärksten zu Mathe neigenden</translation>
    </message>
    <message>
        <source>most poem-leaning</source>
        <translation>am stärksten zu Gedichten neigenden</translation>
    </message>
    <message>
        <source>Which leaning</source>
        <translation>Welche Neigung</translation>
    </message>
    <message>
        <source>Switch them off</source>
        <translation>Diese abschalten</translation>
    </message>
    <message>
        <source>Switch experts off: click an expert of the enlarged layer in the grid (or press Enter on it), or pick it here:</source>
        <translation>Experten abschalten: einen Experten der vergrößerten Schicht im Raster anklicken (oder dort Enter drücken) oder hier wählen:</translation>
    </message>
    <message>
        <source>Run Compare first: the leaning is measured from its math and poem runs.</source>
        <translation>Zuerst „Vergleichen“ ausführen: Die Neigung wird aus dessen Mathe- und Gedicht-Läufen gemessen.</translation>
    </message>
    <message>
        <source>Leaning measured in the last Compare runs (math %1 tokens, poem %2 tokens).</source>
        <translation>Neigung gemessen in den letzten Vergleichsläufen (Mathe %1 Tokens, Gedicht %2 Tokens).</translation>
    </message>
    <message>
        <source>No expert of layer %1 leaned that way in the last Compare runs.</source>
        <translation>Kein Experte der Schicht %1 neigte in den letzten Vergleichsläufen in diese Richtung.</translation>
    </message>
    <message numerus="yes">
        <source>Layer %1: switched off expert %2, the most math-leaning in the last Compare runs.</source>
        <translation>
            <numerusform>Schicht %1: Experte %2 abgeschaltet, der am stärksten zu Mathe neigende in den letzten Vergleichsläufen.</numerusform>
            <numerusform>Schicht %1: Experten %2 abgeschaltet, die am stärksten zu Mathe neigenden in den letzten Vergleichsläufen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Layer %1: switched off expert %2, the most poem-leaning in the last Compare runs.</source>
        <translation>
            <numerusform>Schicht %1: Experte %2 abgeschaltet, der am stärksten zu Gedichten neigende in den letzten Vergleichsläufen.</numerusform>
            <numerusform>Schicht %1: Experten %2 abgeschaltet, die am stärksten zu Gedichten neigenden in den letzten Vergleichsläufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>Einschalten</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>Abschalten</translation>
    </message>
    <message>
        <source>Every expert of layer %1 is on.</source>
        <translation>Alle Experten der Schicht %1 sind an.</translation>
    </message>
    <message numerus="yes">
        <source>Off in layer %1: %2</source>
        <translation>
            <numerusform>Aus in Schicht %1: Experte %2</numerusform>
            <numerusform>Aus in Schicht %1: Experten %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpertGridView</name>
    <message>
        <source>Expert grid</source>
        <translation>Experten-Raster</translation>
    </message>
    <message>
        <source>Layers as rows and experts as columns; the experts the router chose for the current token light up, the others sleep.</source>
        <translation>Schichten als Zeilen, Experten als Spalten; die Experten, die der Router für das aktuelle Token gewählt hat, leuchten, die anderen schlafen.</translation>
    </message>
    <message>
        <source>Layer %1, expert %2</source>
        <translation>Schicht %1, Experte %2</translation>
    </message>
    <message>
        <source>Router probability: %1%</source>
        <translation>Router-Wahrscheinlichkeit: %L1&#xa0;%</translation>
    </message>
    <message>
        <source>Chosen: gets %1% of the layer&apos;s expert output</source>
        <translation>Gewählt: bekommt %1&#xa0;% der Expertenausgabe dieser Schicht</translation>
    </message>
    <message>
        <source>Asleep for this token</source>
        <translation>Schläft bei diesem Token</translation>
    </message>
    <message>
        <source>Switched off in this experiment</source>
        <translation>In diesem Experiment abgeschaltet</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>lit: chosen, % = gate weight</source>
        <translation>hell: gewählt, % = Gewicht</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source>dim: asleep</source>
        <translation>blass: schläft</translation>
    </message>
    <message>
        <source>asleep</source>
        <translation>schläft</translation>
    </message>
    <message>
        <source>off: switched off</source>
        <translation>aus: abgeschaltet</translation>
    </message>
    <message>
        <source>%1 fps  p95 %2 ms  max %3 ms  %4 frames</source>
        <translation>%1 fps  p95 %2 ms  max. %3 ms  %4 Bilder</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <source>Fit all (0)</source>
        <translation>Alles zeigen (0)</translation>
    </message>
    <message>
        <source>Layer %1 is dense: no router, one always-on feed-forward block</source>
        <translation>Schicht %1 ist dicht: kein Router, ein immer aktiver Feed-Forward-Block</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>Layer %1, expert %2: router probability %3, chosen, gate %4</source>
        <translation>Schicht %1, Experte %2: Router-Wahrscheinlichkeit %3, gewählt, Gewicht %4</translation>
    </message>
    <message>
        <source>Layer %1, expert %2: router probability %3, asleep</source>
        <translation>Schicht %1, Experte %2: Router-Wahrscheinlichkeit %3, schläft</translation>
    </message>
    <message>
        <source> (switched off in this experiment)</source>
        <translation> (in diesem Experiment abgeschaltet)</translation>
    </message>
    <message>
        <source>Layer %1, shared expert %2: always on, no router probability</source>
        <translation>Schicht %1, geteilter Experte %2: immer an, keine Router-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Point at an expert or use the arrow keys · + − zoom · 0 fits all</source>
        <translation>Experten zeigen: Maus oder Pfeiltasten · + − Zoom · 0 alles</translation>
    </message>
    <message>
        <source>Expert grid: %1</source>
        <translation>Experten-Raster: %1</translation>
    </message>
    <message>
        <source>zoom ×%1</source>
        <translation>Zoom ×%L1</translation>
    </message>
    <message>
        <source>Click a layer (or use ↑ ↓) to see its experts enlarged</source>
        <translation>Eine Schicht anklicken (oder ↑ ↓), um ihre Experten vergrößert zu sehen</translation>
    </message>
    <message>
        <source>Layer %1, enlarged: a dense layer, no router</source>
        <translation>Schicht %1, vergrößert: eine dichte Schicht, kein Router</translation>
    </message>
    <message>
        <source>Layer %1 enlarged (click an expert to switch it off)</source>
        <translation>Schicht %1 vergrößert (Experten anklicken zum Abschalten)</translation>
    </message>
    <message>
        <source>≤ 1/%1</source>
        <translation>≤ 1/%1</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>router probability</source>
        <translation>Router-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>always on</source>
        <translation>immer an</translation>
    </message>
    <message>
        <source>dense layer: no router, always on</source>
        <translation>dichte Schicht: kein Router, immer an</translation>
    </message>
    <message>
        <source>One feed-forward block that every token goes through: no router, nothing to choose</source>
        <translation>Ein Feed-Forward-Block, durch den jedes Token geht: kein Router, nichts zu wählen</translation>
    </message>
</context>
<context>
    <name>ExpertPalette</name>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
</context>
<context>
    <name>ExpertPickButton</name>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation>Experte %1</translation>
    </message>
    <message>
        <source>Pick expert %1 as one you think will wake up</source>
        <translation>Wähl Experte %1, wenn du glaubst, dass er aufwacht</translation>
    </message>
    <message>
        <source>Your guess</source>
        <translation>Dein Tipp</translation>
    </message>
    <message>
        <source>Not picked</source>
        <translation>Nicht gewählt</translation>
    </message>
    <message>
        <source>%1. The router chose this expert.</source>
        <translation>%1. Der Router hat diesen Experten gewählt.</translation>
    </message>
    <message>
        <source>%1. The router did not choose this expert.</source>
        <translation>%1. Der Router hat diesen Experten nicht gewählt.</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <comment>a picked expert</comment>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>%1 ★</source>
        <comment>an expert the router chose</comment>
        <translation>%1 ★</translation>
    </message>
</context>
<context>
    <name>ExpertShareChart</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Layer shown in the share chart</source>
        <translation>Schicht im Anteils-Diagramm</translation>
    </message>
    <message>
        <source>solid line: math · dashed line: poems</source>
        <translation>durchgezogen: Mathe · gestrichelt: Gedichte</translation>
    </message>
    <message>
        <source>Each expert&apos;s share</source>
        <translation>Anteil jedes Experten</translation>
    </message>
    <message>
        <source>share of the layer&apos;s work (%)</source>
        <translation>Anteil an der Arbeit der Schicht (%)</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
</context>
<context>
    <name>ExploreControls</name>
    <message>
        <source>Type a prompt, or pick a preset</source>
        <translation>Tipp einen Prompt ein oder wähl ein Beispiel</translation>
    </message>
    <message>
        <source>What the model reads first; then it writes on</source>
        <translation>Was das Modell zuerst liest; dann schreibt es weiter</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Prompts to try: math, poems, and a mix</source>
        <translation>Prompts zum Ausprobieren: Mathe, Gedichte und gemischt</translation>
    </message>
    <message>
        <source>Preset prompts</source>
        <translation>Beispiel-Prompts</translation>
    </message>
    <message>
        <source>▶ Run</source>
        <translation>▶ Start</translation>
    </message>
    <message>
        <source>Read the prompt and write on (Ctrl+Enter)</source>
        <translation>Den Prompt lesen und weiterschreiben (Strg+Enter)</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ Pause</translation>
    </message>
    <message>
        <source>Pause or continue (Space)</source>
        <translation>Anhalten oder fortsetzen (Leertaste)</translation>
    </message>
    <message>
        <source>▸ Step</source>
        <translation>▸ Schritt</translation>
    </message>
    <message>
        <source>One token at a time (Right arrow)</source>
        <translation>Ein Token nach dem anderen (Pfeil rechts)</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ Stopp</translation>
    </message>
    <message>
        <source>Stop this run (Esc)</source>
        <translation>Diesen Lauf beenden (Esc)</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <source>Change top-k, switch experts off (Ctrl+L)</source>
        <translation>Top-k ändern, Experten abschalten (Strg+L)</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>Slow motion ... as fast as the model can ( - and + )</source>
        <translation>Zeitlupe … so schnell das Modell kann ( - und + )</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>0 = always the most likely next token; higher = more surprising choices</source>
        <translation>0 = immer das wahrscheinlichste nächste Token; höher = überraschendere Wahl</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Temperature %1</source>
        <translation>Temperatur %L1</translation>
    </message>
    <message>
        <source>Same seed, same text: the random choices repeat</source>
        <translation>Gleicher Seed, gleicher Text: Die Zufallsentscheidungen wiederholen sich</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>How many tokens the model writes at most</source>
        <translation>Wie viele Tokens das Modell höchstens schreibt</translation>
    </message>
    <message>
        <source>Tokens to write</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>Beispiele…</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>Mathe</translation>
    </message>
    <message>
        <source>Poem</source>
        <translation>Gedicht</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>Gemischt</translation>
    </message>
    <message>
        <source>slow motion</source>
        <translation>Zeitlupe</translation>
    </message>
    <message>
        <source>very slow</source>
        <translation>sehr langsam</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>langsam</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>as fast as the model runs</source>
        <translation>so schnell das Modell kann</translation>
    </message>
    <message>
        <source>▶ Continue</source>
        <translation>▶ Weiter</translation>
    </message>
</context>
<context>
    <name>ExplorePage</name>
    <message>
        <source>&lt;b&gt;The model could not run:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Das Modell konnte nicht laufen:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Run&lt;/b&gt; (or Ctrl+Enter) and watch which experts wake up for every token.</source>
        <translation>Drück auf &lt;b&gt;Start&lt;/b&gt; (oder Strg+Enter) und sieh zu, welche Experten bei jedem Token aufwachen.</translation>
    </message>
    <message>
        <source>The layer the chart, the caption and the token colours describe</source>
        <translation>Die Schicht, die Diagramm, Beschreibung und Token-Farben zeigen</translation>
    </message>
    <message>
        <source>Focus layer</source>
        <translation>Gezeigte Schicht</translation>
    </message>
    <message>
        <source>The text, token by token</source>
        <translation>Der Text, Token für Token</translation>
    </message>
    <message>
        <source>Colours and chart show layer</source>
        <translation>Farben und Diagramm zeigen Schicht</translation>
    </message>
    <message>
        <source>Which experts wake up (layers × experts)</source>
        <translation>Welche Experten aufwachen (Schichten × Experten)</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>Space: one token · ← →: previous / next token · ↑ ↓: layer · P: play / pause · + −: speed (now: %1) · F: full screen · Esc: leave classroom mode</source>
        <translation>Leertaste: ein Token · ← →: voriges / nächstes Token · ↑ ↓: Schicht · P: Start / Pause · + −: Tempo (jetzt: %1) · F: Vollbild · Esc: Klassenzimmer verlassen</translation>
    </message>
    <message>
        <source>Type a prompt first, or pick one from &lt;b&gt;Presets&lt;/b&gt;.</source>
        <translation>Tipp zuerst einen Prompt ein oder wähl einen unter &lt;b&gt;Beispiele&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>the model ended its text</source>
        <translation>das Modell hat seinen Text beendet</translation>
    </message>
    <message>
        <source>the model&apos;s context is full</source>
        <translation>der Kontext des Modells ist voll</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>wrote %1 tokens</source>
        <translation>%1 Tokens geschrieben</translation>
    </message>
    <message>
        <source>Finished: %1.</source>
        <translation>Fertig: %1.</translation>
    </message>
    <message>
        <source>wrote 1 token</source>
        <translation>1 Token geschrieben</translation>
    </message>
</context>
<context>
    <name>GenerationWorker</name>
    <message>
        <source>This model cannot run here: %1</source>
        <translation>Dieses Modell kann hier nicht laufen: %1</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Begriffe</translation>
    </message>
</context>
<context>
    <name>LayerDivergenceView</name>
    <message>
        <source>Difference per layer</source>
        <translation>Unterschied pro Schicht</translation>
    </message>
    <message>
        <source>How differently the two texts used the experts in each layer (Jensen-Shannon divergence)</source>
        <translation>Wie unterschiedlich die beiden Texte die Experten in jeder Schicht genutzt haben (Jensen-Shannon-Divergenz)</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>How different? (bits)</source>
        <translation>Wie verschieden? (Bit)</translation>
    </message>
    <message>
        <source>Leans to math</source>
        <translation>Neigt zu Mathe</translation>
    </message>
    <message>
        <source>Leans to the poem</source>
        <translation>Neigt zum Gedicht</translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>0 bits: both texts used the experts in exactly the same way. 1 bit: they used completely different experts. Below %1 bits counts as almost the same.</source>
        <translation>0 Bit: Beide Texte haben die Experten genau gleich genutzt. 1 Bit: Sie haben völlig verschiedene Experten genutzt. Unter %1 Bit gilt als fast gleich.</translation>
    </message>
    <message>
        <source>The difference per layer appears when both texts have run.</source>
        <translation>Der Unterschied pro Schicht erscheint, sobald beide Texte gelaufen sind.</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>dense layer: no router, nothing to compare</source>
        <translation>dichte Schicht: kein Router, nichts zu vergleichen</translation>
    </message>
</context>
<context>
    <name>LearningWiring</name>
    <message>
        <source>Your saved progress was partly damaged; everything readable was kept (%1).</source>
        <translation>Dein gespeicherter Fortschritt war teilweise beschädigt; alles Lesbare wurde behalten (%1).</translation>
    </message>
    <message>
        <source>Some lessons or questions could not be read: %1</source>
        <translation>Einige Lektionen oder Fragen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>There is no lesson &quot;%1&quot;.</source>
        <translation>Es gibt keine Lektion „%1“.</translation>
    </message>
</context>
<context>
    <name>LessonDriver</name>
    <message>
        <source>This lesson step points at layer %1, expert %2, but the model has %3 layers and %4 experts.</source>
        <translation>Dieser Lektionsschritt zeigt auf Schicht %1, Experte %2, aber das Modell hat %3 Schichten und %4 Experten.</translation>
    </message>
    <message>
        <source>The run has ended, so there is no next token to guess. Go back one step to start it again.</source>
        <translation>Der Lauf ist zu Ende, es gibt also kein nächstes Token zum Raten. Geh einen Schritt zurück, um ihn neu zu starten.</translation>
    </message>
    <message>
        <source>This lesson step asks for the Playground preset &quot;%1&quot;, which the app does not have.</source>
        <translation>Dieser Lektionsschritt verlangt die Spielplatz-Voreinstellung „%1“, die die App nicht hat.</translation>
    </message>
</context>
<context>
    <name>LessonLibraryPage</name>
    <message>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <source>What do you want to learn?</source>
        <translation>Was möchtest du lernen?</translation>
    </message>
    <message>
        <source>Pick a track and a lesson. Each lesson runs the real model beside it, step by step: you watch its experts wake up, guess, and see.</source>
        <translation>Wähl einen Kurs und eine Lektion. Neben jeder Lektion läuft das echte Modell, Schritt für Schritt: Du siehst seine Experten aufwachen, rätst und prüfst nach.</translation>
    </message>
    <message>
        <source>Go on where you stopped last time</source>
        <translation>Dort weitermachen, wo du zuletzt aufgehört hast</translation>
    </message>
    <message>
        <source>Done ✓ · at step %1 of %2</source>
        <translation>Fertig ✓ · bei Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Done ✓</source>
        <translation>Fertig ✓</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>No lessons are available. The lessons file could not be read.</source>
        <translation>Es gibt keine Lektionen. Die Lektionsdatei konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 track</source>
        <translation>Kurs „%1“</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>No lessons in this track yet.</source>
        <translation>In diesem Kurs gibt es noch keine Lektionen.</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Noch mal</translation>
    </message>
    <message>
        <source>Do the lesson again: %1</source>
        <translation>Lektion noch einmal machen: %1</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Continue the lesson: %1</source>
        <translation>Lektion fortsetzen: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start the lesson: %1</source>
        <translation>Lektion starten: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Tip: do “%1” first.</source>
        <translation>Hinweis: Mach zuerst „%1“.</translation>
    </message>
    <message>
        <source>%1 of 1 lesson done.</source>
        <translation>%1 von 1 Lektion geschafft.</translation>
    </message>
    <message>
        <source>%1 of %2 lessons done.</source>
        <translation>%1 von %2 Lektionen geschafft.</translation>
    </message>
    <message>
        <source>Continue: %1 (step %2 of %3)</source>
        <translation>Weiter: %1 (Schritt %2 von %3)</translation>
    </message>
    <message numerus="yes">
        <source>About %n minutes · %1 steps</source>
        <translation>
            <numerusform>Etwa %n Minute · %1 Schritte</numerusform>
            <numerusform>Etwa %n Minuten · %1 Schritte</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Lesson</source>
        <translation>Lektion</translation>
    </message>
    <message>
        <source>Close lesson</source>
        <translation>Lektion schließen</translation>
    </message>
    <message>
        <source>Close the lesson; it will continue from this step next time</source>
        <translation>Lektion schließen; beim nächsten Mal geht es bei diesem Schritt weiter</translation>
    </message>
    <message>
        <source>Lesson progress</source>
        <translation>Fortschritt der Lektion</translation>
    </message>
    <message>
        <source>Check my guess</source>
        <translation>Tipp prüfen</translation>
    </message>
    <message>
        <source>Let the model write the next token and see which experts its router chose</source>
        <translation>Lass das Modell das nächste Token schreiben und sieh nach, welche Experten sein Router gewählt hat</translation>
    </message>
    <message>
        <source>Step text</source>
        <translation>Text des Schritts</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Voriger Schritt</translation>
    </message>
    <message>
        <source>Previous step (Alt+Left)</source>
        <translation>Voriger Schritt (Alt+Links)</translation>
    </message>
    <message>
        <source>No lesson open</source>
        <translation>Keine Lektion geöffnet</translation>
    </message>
    <message>
        <source>Pick a lesson on the Lessons page to start.</source>
        <translation>Wähl auf der Seite „Lektionen“ eine Lektion, um anzufangen.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>%1 track</source>
        <translation>Kurs „%1“</translation>
    </message>
    <message>
        <source>%1 track · Goal: %2</source>
        <translation>Kurs „%1“ · Ziel: %2</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Schritt %1 von %2: %3</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Finish the lesson</source>
        <translation>Lektion abschließen</translation>
    </message>
    <message>
        <source>Finish the lesson (Alt+Right)</source>
        <translation>Lektion abschließen (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Next step (Alt+Right)</source>
        <translation>Nächster Schritt (Alt+Rechts)</translation>
    </message>
    <message>
        <source>⚠ Your progress could not be saved: %1</source>
        <translation>⚠ Dein Fortschritt konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Load a model to make your guess.</source>
        <translation>Lade ein Modell, um deinen Tipp abzugeben.</translation>
    </message>
    <message>
        <source>This step asks about layer %1, but the model has only 1 layer.</source>
        <translation>Dieser Schritt fragt nach Schicht %1, aber das Modell hat nur 1 Schicht.</translation>
    </message>
    <message>
        <source>This step asks about layer %1, but the model has only %2 layers.</source>
        <translation>Dieser Schritt fragt nach Schicht %1, aber das Modell hat nur %2 Schichten.</translation>
    </message>
    <message>
        <source>✓ your guess   ★ the router&apos;s choice</source>
        <translation>✓ dein Tipp   ★ die Wahl des Routers</translation>
    </message>
    <message>
        <source>The model is writing the next token…</source>
        <translation>Das Modell schreibt das nächste Token…</translation>
    </message>
    <message>
        <source>Pick 1 expert.</source>
        <translation>Wähl 1 Experten.</translation>
    </message>
    <message>
        <source>Pick %1 experts.</source>
        <translation>Wähl %1 Experten.</translation>
    </message>
    <message>
        <source>Pick %1 experts: %2 picked so far.</source>
        <translation>Wähl %1 Experten: %2 bisher gewählt.</translation>
    </message>
    <message>
        <source>Ready: check your guess.</source>
        <translation>Bereit: Prüf deinen Tipp.</translation>
    </message>
    <message>
        <source>Too many: pick only 1 expert.</source>
        <translation>Zu viele: Wähl nur 1 Experten.</translation>
    </message>
    <message>
        <source>Too many: pick only %1 experts.</source>
        <translation>Zu viele: Wähl nur %1 Experten.</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>a list of experts</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>the last two of a list of experts</comment>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>That token has no layer %1; try again.</source>
        <translation>Dieses Token hat keine Schicht %1; versuch es noch mal.</translation>
    </message>
    <message>
        <source>In layer %1 the router chose %2 for “%3”. You got %4 of %5 — well spotted!</source>
        <translation>In Schicht %1 hat der Router für „%3“ %2 gewählt. Du hattest %4 von %5 richtig – gut erkannt!</translation>
    </message>
    <message>
        <source>In layer %1 the router chose %2 for “%3”. You got %4 of %5 — routing is hard to guess, even for the people who built it!</source>
        <translation>In Schicht %1 hat der Router für „%3“ %2 gewählt. Du hattest %4 von %5 richtig – Routing ist schwer zu erraten, sogar für die Leute, die es gebaut haben!</translation>
    </message>
    <message>
        <source>You will be able to:</source>
        <translation>Danach kannst du:</translation>
    </message>
    <message numerus="yes">
        <source>About %n minutes.</source>
        <translation>
            <numerusform>Etwa %n Minute.</numerusform>
            <numerusform>Etwa %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recap:</source>
        <translation>Kurz gesagt:</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <source>What the words mean: token, router, gate, expert …</source>
        <translation>Was die Wörter bedeuten: Token, Router, Gate, Experte …</translation>
    </message>
    <message>
        <source>Open the glossary</source>
        <translation>Das Glossar öffnen</translation>
    </message>
</context>
<context>
    <name>LevelPips</name>
    <message>
        <source>Level %1 of %2</source>
        <translation>Stufe %1 von %2</translation>
    </message>
</context>
<context>
    <name>LineChart</name>
    <message>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
</context>
<context>
    <name>LiveQuestions</name>
    <message>
        <source>Expert %1</source>
        <translation>Experte %1</translation>
    </message>
    <message>
        <source>In layer %1, which expert handled the most digit tokens (0–9)?</source>
        <translation>Welcher Experte hat in Schicht %1 die meisten Ziffern-Tokens (0–9) bearbeitet?</translation>
    </message>
    <message>
        <source>Only a few experts wake up for each token</source>
        <translation>Für jedes Token wachen nur wenige Experten auf</translation>
    </message>
    <message>
        <source>Token %1 is “%2”. How many experts were asleep in layer %3 for it?</source>
        <translation>Token %1 ist „%2“. Wie viele Experten haben in Schicht %3 dabei geschlafen?</translation>
    </message>
    <message>
        <source>In layer %1 the router woke %2 of the %3 experts for token %4 (“%5”): %6. The other %7 were asleep: they did no work for this token.</source>
        <translation>In Schicht %1 hat der Router für Token %4 („%5“) %2 der %3 Experten geweckt: %6. Die anderen %7 haben geschlafen: Sie haben für dieses Token nicht gearbeitet.</translation>
    </message>
    <message>
        <source>The router picks experts for every token</source>
        <translation>Der Router wählt für jedes Token Experten</translation>
    </message>
    <message>
        <source>True or false: in layer %1, the router sent token %2 (“%3”) to expert %4.</source>
        <translation>Richtig oder falsch: In Schicht %1 hat der Router Token %2 („%3“) an Experte %4 geschickt.</translation>
    </message>
    <message>
        <source>True: in layer %1, token %2 (“%3”) went to these experts: %4.</source>
        <translation>Richtig: In Schicht %1 ging Token %2 („%3“) an diese Experten: %4.</translation>
    </message>
    <message>
        <source>False: in layer %1, token %2 (“%3”) went to these experts: %4. Expert %5 was asleep for it.</source>
        <translation>Falsch: In Schicht %1 ging Token %2 („%3“) an diese Experten: %4. Experte %5 hat dabei geschlafen.</translation>
    </message>
    <message>
        <source>Some experts get more work than others</source>
        <translation>Manche Experten bekommen mehr Arbeit als andere</translation>
    </message>
    <message>
        <source>Where this run sent the digits</source>
        <translation>Wohin dieser Lauf die Ziffern geschickt hat</translation>
    </message>
    <message>
        <source>Layer %1 sent %2 of the %3 digit tokens to expert %4. The next most, expert %5, got %6. One run is a small sample: another text may send its digits elsewhere.</source>
        <translation>Schicht %1 hat %2 der %3 Ziffern-Tokens an Experte %4 geschickt. Die nächstmeisten, %6, bekam Experte %5. Ein Lauf ist nur eine kleine Stichprobe: Ein anderer Text kann seine Ziffern woandershin schicken.</translation>
    </message>
    <message>
        <source>The chosen experts do not count equally</source>
        <translation>Die gewählten Experten zählen nicht gleich viel</translation>
    </message>
    <message>
        <source>Token %1 is “%2”. In layer %3, whose work counted the most for it (the biggest percentage in the grid)?</source>
        <translation>Token %1 ist „%2“. Wessen Arbeit zählte in Schicht %3 am meisten dafür (der größte Prozentwert im Raster)?</translation>
    </message>
    <message>
        <source>In layer %1 the router weighed token %2 (“%3”) like this: %4. Expert %5 got the biggest share (its gate), so its output counted most.</source>
        <translation>In Schicht %1 hat der Router Token %2 („%3“) so gewichtet: %4. Experte %5 bekam den größten Anteil (sein Gate), also zählte seine Ausgabe am meisten.</translation>
    </message>
    <message>
        <source>tokens %1 to %2</source>
        <translation>die Tokens %1 bis %2</translation>
    </message>
    <message>
        <source>Look at %1. Which expert did layer %2 choose most often for them?</source>
        <translation>Schau dir %1 an. Welchen Experten hat Schicht %2 für sie am häufigsten gewählt?</translation>
    </message>
    <message>
        <source>For %1, layer %2 chose expert %3 most often: %4 times. Next came expert %5, with %6.</source>
        <translation>Für %1 hat Schicht %2 Experte %3 am häufigsten gewählt: %4-mal. Danach kam Experte %5 mit %6.</translation>
    </message>
    <message>
        <source>Reading the routing of a few tokens</source>
        <translation>Das Routing einiger Tokens lesen</translation>
    </message>
    <message>
        <source>Look at %1. In layer %2, for how many of these %3 tokens was expert %4 chosen?</source>
        <translation>Schau dir %1 an. Für wie viele dieser %3 Tokens wurde in Schicht %2 Experte %4 gewählt?</translation>
    </message>
    <message>
        <source>Layer %1 chose expert %2 for %3 of %4. Click each chip and watch that layer&apos;s row in the grid to count along.</source>
        <translation>Schicht %1 hat Experte %2 für %3 von %4 gewählt. Klick nacheinander auf die Kärtchen und beobachte die Zeile dieser Schicht im Raster, um mitzuzählen.</translation>
    </message>
    <message>
        <source>Click each digit&apos;s chip and watch layer %1&apos;s row: which square lights up most often?</source>
        <translation>Klick auf das Kärtchen jeder Ziffer und beobachte die Zeile von Schicht %1: Welches Kästchen leuchtet am häufigsten?</translation>
    </message>
    <message>
        <source>Expert %1 handled %2 of the digit tokens in layer %3, fewer than expert %4 (%5).</source>
        <translation>Experte %1 hat in Schicht %3 %2 der Ziffern-Tokens bearbeitet, weniger als Experte %4 (%5).</translation>
    </message>
    <message>
        <source>Click chip %1 and read the percentages in layer %2&apos;s row of the grid.</source>
        <translation>Klick auf Kärtchen %1 und lies die Prozentzahlen in der Zeile von Schicht %2 im Raster.</translation>
    </message>
    <message>
        <source>Expert %1 was chosen too, but its share of the work was %2, smaller than expert %3&apos;s %4.</source>
        <translation>Experte %1 wurde auch gewählt, aber sein Anteil an der Arbeit war %2, kleiner als die %4 von Experte %3.</translation>
    </message>
    <message>
        <source>Expert %1 was asleep for this token: the router nearly picked it, but gave it no share of the work.</source>
        <translation>Experte %1 hat für dieses Token geschlafen: Der Router hätte ihn fast gewählt, gab ihm aber keinen Anteil an der Arbeit.</translation>
    </message>
    <message>
        <source>Click chip %1 and count the squares of layer %2&apos;s row that are not lit.</source>
        <translation>Klick auf Kärtchen %1 und zähl die Kästchen in der Zeile von Schicht %2, die nicht leuchten.</translation>
    </message>
    <message>
        <source>If you got %1, you counted the experts that woke up; the question asks for the ones that slept.</source>
        <translation>Wenn du %1 herausbekommen hast, hast du die wachen Experten gezählt; gefragt sind die schlafenden.</translation>
    </message>
    <message>
        <source>Click chip %1 and look at layer %2&apos;s row: is square E%3 lit?</source>
        <translation>Klick auf Kärtchen %1 und schau auf die Zeile von Schicht %2: Leuchtet das Kästchen E%3?</translation>
    </message>
    <message>
        <source>Expert %1&apos;s square in layer %2 was lit for this token: perhaps you looked at another token&apos;s chip or another row.</source>
        <translation>Das Kästchen von Experte %1 in Schicht %2 hat für dieses Token geleuchtet: Vielleicht hast du auf das Kärtchen eines anderen Tokens oder auf eine andere Zeile geschaut.</translation>
    </message>
    <message>
        <source>Expert %1 was the sleeper the router nearly picked (the next-highest probability), but its square was not lit.</source>
        <translation>Experte %1 war der Schläfer, den der Router fast gewählt hätte (die nächsthöhere Wahrscheinlichkeit), aber sein Kästchen hat nicht geleuchtet.</translation>
    </message>
    <message>
        <source>Click the chips of %1 one after another and keep a tally of the lit squares in layer %2&apos;s row.</source>
        <translation>Klick nacheinander auf die Kärtchen von %1 und mach für die leuchtenden Kästchen in der Zeile von Schicht %2 eine Strichliste.</translation>
    </message>
    <message>
        <source>Layer %1 chose expert %2 %3 times for these tokens, fewer than expert %4 (%5 times).</source>
        <translation>Schicht %1 hat Experte %2 für diese Tokens %3-mal gewählt, seltener als Experte %4 (%5-mal).</translation>
    </message>
    <message>
        <source>Click each chip of %1 and count how often square E%2 lights up in layer %3&apos;s row.</source>
        <translation>Klick auf jedes Kärtchen von %1 und zähl, wie oft das Kästchen E%2 in der Zeile von Schicht %3 leuchtet.</translation>
    </message>
    <message>
        <source>Count only the chips of %1, and only layer %2&apos;s row: the other rows choose their own experts.</source>
        <translation>Zähl nur die Kärtchen von %1 und nur die Zeile von Schicht %2: Die anderen Zeilen wählen ihre eigenen Experten.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tiny Experts</source>
        <translation>Tiny Experts</translation>
    </message>
    <message>
        <source>This model cannot be opened</source>
        <translation>Dieses Modell lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>%1

The model in use stays open.</source>
        <translation>%1

Das aktuelle Modell bleibt geöffnet.</translation>
    </message>
    <message>
        <source>Modes</source>
        <translation>Modi</translation>
    </message>
    <message>
        <source>Classroom</source>
        <translation>Klassenzimmer</translation>
    </message>
    <message>
        <source>A full-screen presentation for a projector, driven by the keyboard (F5)</source>
        <translation>Eine Vollbild-Präsentation für den Beamer, mit der Tastatur gesteuert (F5)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>Modell &amp;öffnen…</translation>
    </message>
    <message>
        <source>Open any Mixtral-style GGUF model</source>
        <translation>Ein beliebiges GGUF-Modell im Mixtral-Stil öffnen</translation>
    </message>
    <message>
        <source>Use the &amp;built-in model</source>
        <translation>&amp;Eingebautes Modell verwenden</translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation>B&amp;ild exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;trace (CSV or JSON)…</source>
        <translation>&amp;Protokoll exportieren (CSV oder JSON)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>A&amp;usführen</translation>
    </message>
    <message>
        <source>&amp;Pause / continue</source>
        <translation>&amp;Pause / weiter</translation>
    </message>
    <message>
        <source>&amp;Step one token</source>
        <translation>Ein &amp;Token weiter</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>S&amp;lower</source>
        <translation>&amp;Langsamer</translation>
    </message>
    <message>
        <source>&amp;Faster</source>
        <translation>S&amp;chneller</translation>
    </message>
    <message>
        <source>&amp;Experiments</source>
        <translation>E&amp;xperimente</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Classroom mode</source>
        <translation>&amp;Klassenzimmer-Modus</translation>
    </message>
    <message>
        <source>Show frame &amp;rate</source>
        <translation>&amp;Bildrate anzeigen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Tiny Experts</source>
        <translation>Ü&amp;ber Tiny Experts</translation>
    </message>
    <message>
        <source>model: %1 · %2 layers · %3 experts, %4 awake per token</source>
        <translation>Modell: %1 · %2 Schichten · %3 Experten, %4 wach pro Token</translation>
    </message>
    <message>
        <source>Model loaded: %1</source>
        <translation>Modell geladen: %1</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-Modelle (*.gguf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>Bild exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>Noch nichts zu exportieren</translation>
    </message>
    <message>
        <source>Run a prompt in Explore first.</source>
        <translation>Lass zuerst unter „Entdecken“ einen Prompt laufen.</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>Protokoll exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Trace written to %1</source>
        <translation>Protokoll gespeichert in %1</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>About Tiny Experts</source>
        <translation>Über Tiny Experts</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tiny Experts&lt;/h3&gt;&lt;p&gt;A real, small Mixture-of-Experts language model, trained by this project, runs inside this app. Every number on screen is computed from what its router really did.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tiny Experts&lt;/h3&gt;&lt;p&gt;In dieser App läuft ein echtes, kleines Mixture-of-Experts-Sprachmodell, trainiert von diesem Projekt. Jede Zahl auf dem Bildschirm wird aus dem berechnet, was sein Router wirklich getan hat.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Tiny Experts will use the new language the next time it starts.</source>
        <translation>Tiny Experts verwendet die neue Sprache beim nächsten Start.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>&lt;table cellpadding=3&gt;%1&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Run the prompt (or compare)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause or continue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right arrow&lt;/b&gt;&lt;/td&gt;&lt;td&gt;One token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Stop&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;- / +&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Slower / faster&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Experiments&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a model&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export an image&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export the trace&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F11&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Full screen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Classroom mode: Space one token, ← → tokens, ↑ ↓ layers, P play / pause, + − speed, F full screen, Esc back&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellpadding=3&gt;%1&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+Eingabe&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Prompt ausführen (oder vergleichen)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Leertaste&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause oder weiter&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Pfeil rechts&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Ein Token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Anhalten&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;- / +&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Langsamer / schneller&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Experimente&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Ein Modell öffnen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Ein Bild exportieren&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+Umschalt+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Die Spur exportieren&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F11&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Vollbild&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F5&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Klassenzimmer-Modus: Leertaste ein Token, ← → Tokens, ↑ ↓ Schichten, P Abspielen / Pause, + − Tempo, F Vollbild, Esc zurück&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Loading progress</source>
        <translation>Ladefortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop loading; the model in use stays open</source>
        <translation>Laden abbrechen; das aktuelle Modell bleibt geöffnet</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Lade %1 …</translation>
    </message>
    <message>
        <source>Loading cancelled; the model in use stays open.</source>
        <translation>Laden abgebrochen; das aktuelle Modell bleibt geöffnet.</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glossar</translation>
    </message>
    <message>
        <source>Export &amp;worksheet as PDF…</source>
        <translation>&amp;Arbeitsblatt als PDF exportieren…</translation>
    </message>
    <message>
        <source>A worksheet for the prompt in Explore: its tokens and empty grids to colour in, then an answer page with the experts the router really chose</source>
        <translation>Ein Arbeitsblatt zum Prompt unter „Entdecken“: seine Tokens und leere Raster zum Ausmalen, dann eine Lösungsseite mit den Experten, die der Router wirklich gewählt hat</translation>
    </message>
    <message>
        <source>Print &amp;quiz as PDF…</source>
        <translation>&amp;Quiz als PDF drucken…</translation>
    </message>
    <message>
        <source>A quiz as a printed test, with an answer key</source>
        <translation>Ein Quiz als Test zum Ausdrucken, mit Lösungen</translation>
    </message>
    <message>
        <source>Worksheet written to %1</source>
        <translation>Arbeitsblatt gespeichert in %1</translation>
    </message>
</context>
<context>
    <name>ModeTable</name>
    <message>
        <source>Explore</source>
        <translation>Entdecken</translation>
    </message>
    <message>
        <source>Watch the experts wake up, token by token</source>
        <translation>Sieh zu, wie die Experten aufwachen, Token für Token</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Do math and poems wake different experts?</source>
        <translation>Wecken Mathe und Gedichte verschiedene Experten?</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Größen</translation>
    </message>
    <message>
        <source>Total vs active parameters, from this model to DeepSeek-V3</source>
        <translation>Gesamte und aktive Parameter, von diesem Modell bis DeepSeek-V3</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <source>Step-by-step lessons for three levels, beside the live model</source>
        <translation>Lektionen Schritt für Schritt auf drei Stufen, neben dem laufenden Modell</translation>
    </message>
    <message>
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <source>Test yourself, with questions about what the model just did</source>
        <translation>Teste dich selbst, mit Fragen dazu, was das Modell gerade getan hat</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Spielplatz</translation>
    </message>
    <message>
        <source>Train a small mixture of experts and watch its experts learn</source>
        <translation>Ein kleines Mixture-of-Experts-Modell trainieren und seinen Experten beim Lernen zusehen</translation>
    </message>
</context>
<context>
    <name>ModelSource</name>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>Could not load the model “%1”: the file does not exist (%2).</source>
        <translation>Das Modell „%1“ konnte nicht geladen werden: Die Datei existiert nicht (%2).</translation>
    </message>
    <message>
        <source>Could not load the model “%1”: it is not a file.</source>
        <translation>Das Modell „%1“ konnte nicht geladen werden: Es ist keine Datei.</translation>
    </message>
    <message>
        <source>The model “%1” is %2, larger than this computer&apos;s memory (%3): it cannot run here. A smaller quantisation of the model (for example Q4_K_M) may fit.</source>
        <translation>Das Modell „%1“ ist %2 groß, größer als der Arbeitsspeicher dieses Computers (%3): Es kann hier nicht laufen. Eine kleinere Quantisierung des Modells (zum Beispiel Q4_K_M) passt vielleicht.</translation>
    </message>
    <message>
        <source>Could not load the model “%1”: %2</source>
        <translation>Das Modell „%1“ konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>The built-in model (%1) is missing from this build: %2. Open a model file instead.</source>
        <translation>Das eingebaute Modell (%1) fehlt in diesem Build: %2. Öffne stattdessen eine Modelldatei.</translation>
    </message>
    <message>
        <source>Could not read the built-in model (%1): %2</source>
        <translation>Das eingebaute Modell (%1) konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The built-in model (%1) is damaged: %2</source>
        <translation>Das eingebaute Modell (%1) ist beschädigt: %2</translation>
    </message>
</context>
<context>
    <name>NumberFormat</name>
    <message>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>T</source>
        <translation>&#xa0;Bio.</translation>
    </message>
    <message>
        <source>B</source>
        <translation>&#xa0;Mrd.</translation>
    </message>
    <message>
        <source>M</source>
        <translation>&#xa0;Mio.</translation>
    </message>
    <message>
        <source>K</source>
        <translation>&#xa0;Tsd.</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not start a PDF in %1</source>
        <translation>In %1 konnte kein PDF angelegt werden</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>Seite %1</translation>
    </message>
</context>
<context>
    <name>PlaygroundCaption</name>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>Choose a preset and press &lt;b&gt;Start&lt;/b&gt;: a small mixture of experts trains right here, and the charts show its experts learning.</source>
        <translation>Wähle eine Voreinstellung und drücke &lt;b&gt;Starten&lt;/b&gt;: Ein kleines Mixture-of-Experts-Modell trainiert genau hier, und die Diagramme zeigen seine Experten beim Lernen.</translation>
    </message>
    <message>
        <source>Training… the first measurement comes after step %1.</source>
        <translation>Training läuft… die erste Messung kommt nach Schritt %1.</translation>
    </message>
    <message>
        <source>After %1 steps (%2 tokens) the model predicts text it never trained on at &lt;b&gt;%3&lt;/b&gt; bits per byte for poems and &lt;b&gt;%4&lt;/b&gt; for math.</source>
        <translation>Nach %1 Schritten (%2 Tokens) sagt das Modell Text, den es nie trainiert hat, mit &lt;b&gt;%3&lt;/b&gt; Bit pro Byte für Gedichte und &lt;b&gt;%4&lt;/b&gt; für Mathe voraus.</translation>
    </message>
    <message>
        <source>Layer %1 routes math and poems most differently: &lt;b&gt;%2&lt;/b&gt; bits.</source>
        <translation>Schicht %1 routet Mathe und Gedichte am unterschiedlichsten: &lt;b&gt;%2&lt;/b&gt; Bit.</translation>
    </message>
    <message>
        <source>Layer %1 routes math and poems most differently: &lt;b&gt;%2&lt;/b&gt; bits (at step %3 it was %4).</source>
        <translation>Schicht %1 routet Mathe und Gedichte am unterschiedlichsten: &lt;b&gt;%2&lt;/b&gt; Bit (bei Schritt %3 waren es %4).</translation>
    </message>
    <message>
        <source>The least-used expert, E%1 in layer %2, gets %3 of the tokens; an even share is %4.</source>
        <translation>Der am wenigsten genutzte Experte, E%1 in Schicht %2, bekommt %3 der Tokens; ein gleicher Anteil wäre %4.</translation>
    </message>
    <message>
        <source>The router has almost abandoned it: collapse.</source>
        <translation>Der Router hat ihn fast verlassen: Kollaps.</translation>
    </message>
    <message>
        <source>The probe routes two fixed prompts through the model as it trains.</source>
        <translation>Die Probe schickt zwei feste Prompts durch das Modell, während es trainiert.</translation>
    </message>
    <message>
        <source>Step %1, layer %2: the math prompt went mostly to %3, the poem to %4.</source>
        <translation>Schritt %1, Schicht %2: Der Mathe-Prompt ging vor allem an %3, das Gedicht an %4.</translation>
    </message>
    <message>
        <source>At step %1 the math prompt went to %2, the poem to %3.</source>
        <translation>Bei Schritt %1 ging der Mathe-Prompt an %2, das Gedicht an %3.</translation>
    </message>
</context>
<context>
    <name>PlaygroundControls</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Train a new model with these settings, from random weights</source>
        <translation>Ein neues Modell mit diesen Einstellungen trainieren, ab zufälligen Gewichten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>End the training here; the model stays as far as it got</source>
        <translation>Das Training hier beenden; das Modell bleibt so weit, wie es gekommen ist</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Clear the charts</source>
        <translation>Die Diagramme leeren</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Trainingsfortschritt</translation>
    </message>
    <message>
        <source>Explore this model</source>
        <translation>Dieses Modell erkunden</translation>
    </message>
    <message>
        <source>Make the model you trained the app&apos;s model in Explore and Compare</source>
        <translation>Das trainierte Modell zum Modell der App machen, in Erkunden und Vergleichen</translation>
    </message>
    <message>
        <source>Save as GGUF…</source>
        <translation>Als GGUF speichern…</translation>
    </message>
    <message>
        <source>Save the model you trained as a GGUF file (llama.cpp&apos;s format)</source>
        <translation>Das trainierte Modell als GGUF-Datei speichern (das Format von llama.cpp)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Preparing the text (the first time takes a while)…</source>
        <translation>Der Text wird vorbereitet (beim ersten Mal dauert es etwas)…</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <source>%1 · trained in %2</source>
        <translation>%1 · trainiert in %2</translation>
    </message>
    <message>
        <source>%1 · %2 left</source>
        <translation>%1 · noch %2</translation>
    </message>
</context>
<context>
    <name>PlaygroundForm</name>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Transformer layers; each has its own router and experts.</source>
        <translation>Transformer-Schichten; jede hat ihren eigenen Router und eigene Experten.</translation>
    </message>
    <message>
        <source>How many numbers describe each token inside the model.</source>
        <translation>Wie viele Zahlen jedes Token im Modell beschreiben.</translation>
    </message>
    <message>
        <source>Attention heads; they share the width equally.</source>
        <translation>Attention-Köpfe; sie teilen sich die Breite zu gleichen Teilen.</translation>
    </message>
    <message>
        <source>Experts in each layer; 1 makes a dense model.</source>
        <translation>Experten in jeder Schicht; 1 ergibt ein dichtes Modell.</translation>
    </message>
    <message>
        <source>How many experts the router wakes for each token.</source>
        <translation>Wie viele Experten der Router für jedes Token weckt.</translation>
    </message>
    <message>
        <source>The hidden width of one expert.</source>
        <translation>Die innere Breite eines Experten.</translation>
    </message>
    <message>
        <source>How strongly the load-balancing loss pushes the router to share the work; 0 switches it off.</source>
        <translation>Wie stark der Ausgleichsverlust den Router drängt, die Arbeit zu verteilen; 0 schaltet ihn aus.</translation>
    </message>
    <message>
        <source>%</source>
        <comment>the suffix of a percentage in a spin box</comment>
        <translation>&#xa0;%</translation>
    </message>
    <message>
        <source>The part of the training text that is math; the rest is poems and prose.</source>
        <translation>Der Teil des Trainingstexts, der Mathe ist; der Rest sind Gedichte und Prosa.</translation>
    </message>
    <message>
        <source>Training steps; each step reads a batch of text windows.</source>
        <translation>Trainingsschritte; jeder Schritt liest einen Stapel Textfenster.</translation>
    </message>
    <message>
        <source>Text windows read in one step.</source>
        <translation>Textfenster, die in einem Schritt gelesen werden.</translation>
    </message>
    <message>
        <source>CPU threads that train at once.</source>
        <translation>CPU-Threads, die gleichzeitig trainieren.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>The starting weights and the order of the text: the same seed gives the same curves.</source>
        <translation>Die Startgewichte und die Reihenfolge des Texts: derselbe Seed ergibt dieselben Kurven.</translation>
    </message>
    <message>
        <source>Why these settings cannot be trained</source>
        <translation>Warum diese Einstellungen nicht trainiert werden können</translation>
    </message>
</context>
<context>
    <name>PlaygroundPage</name>
    <message>
        <source>Playground</source>
        <translation>Spielplatz</translation>
    </message>
    <message>
        <source>How do experts come to specialise?</source>
        <translation>Wie spezialisieren sich Experten?</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Training could not run: %1</source>
        <translation>Das Training konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>What the training shows now</source>
        <translation>Was das Training jetzt zeigt</translation>
    </message>
    <message>
        <source>No folder for the trained model: %1</source>
        <translation>Kein Ordner für das trainierte Modell: %1</translation>
    </message>
    <message>
        <source>The model you trained is now the app&apos;s model.</source>
        <translation>Das trainierte Modell ist jetzt das Modell der App.</translation>
    </message>
    <message>
        <source>The app has no model holder.</source>
        <translation>Die App hat keinen Modellhalter.</translation>
    </message>
    <message>
        <source>Save the trained model</source>
        <translation>Das trainierte Modell speichern</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>Model saved to %1</source>
        <translation>Modell gespeichert unter %1</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
</context>
<context>
    <name>PrintCommand</name>
    <message>
        <source>Wrote the worksheet (%1 pages) to %2</source>
        <translation>Arbeitsblatt (%1 Seiten) nach %2 geschrieben</translation>
    </message>
    <message>
        <source>could not export the worksheet: %1</source>
        <translation>das Arbeitsblatt konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Wrote the %1 test number %2 (%3 questions, %4 pages) to %5</source>
        <translation>Test Nummer %2 im Kurs %1 (%3 Fragen, %4 Seiten) nach %5 geschrieben</translation>
    </message>
    <message>
        <source>could not export the quiz: %1</source>
        <translation>das Quiz konnte nicht exportiert werden: %1</translation>
    </message>
</context>
<context>
    <name>PrintDialogs</name>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Export worksheet</source>
        <translation>Arbeitsblatt exportieren</translation>
    </message>
    <message>
        <source>Type a prompt in Explore first: the worksheet asks about its tokens.</source>
        <translation>Gib zuerst unter „Entdecken“ einen Prompt ein: Das Arbeitsblatt fragt nach seinen Tokens.</translation>
    </message>
    <message>
        <source>worksheet.pdf</source>
        <translation>arbeitsblatt.pdf</translation>
    </message>
    <message>
        <source>The worksheet was not written</source>
        <translation>Das Arbeitsblatt wurde nicht geschrieben</translation>
    </message>
    <message>
        <source>Print quiz as PDF</source>
        <translation>Quiz als PDF drucken</translation>
    </message>
    <message>
        <source>There are no quiz questions to print.</source>
        <translation>Es gibt keine Quizfragen zum Drucken.</translation>
    </message>
    <message>
        <source>A printed test of up to 10 questions, then the answer key on a page of its own. The same test number prints the same questions again; it is on every page.</source>
        <translation>Ein Test zum Ausdrucken mit bis zu 10 Fragen, danach die Lösungen auf einer eigenen Seite. Dieselbe Testnummer druckt wieder dieselben Fragen; sie steht auf jeder Seite.</translation>
    </message>
    <message>
        <source>&amp;Track:</source>
        <translation>&amp;Kurs:</translation>
    </message>
    <message>
        <source>Test &amp;number:</source>
        <translation>Test&amp;nummer:</translation>
    </message>
    <message>
        <source>quiz-%1-%2.pdf</source>
        <translation>quiz-%1-%2.pdf</translation>
    </message>
    <message>
        <source>The quiz was not written</source>
        <translation>Das Quiz wurde nicht geschrieben</translation>
    </message>
</context>
<context>
    <name>ProbeGridView</name>
    <message>
        <source>Probe routing</source>
        <translation>Routing der Probe</translation>
    </message>
    <message>
        <source>A column per token of the probe prompt and a row per expert, grouped by layer; the experts the router chose for a token are lit.</source>
        <translation>Eine Spalte pro Token des Probe-Prompts und eine Zeile pro Experte, nach Schichten gruppiert; die Experten, die der Router für ein Token gewählt hat, leuchten.</translation>
    </message>
    <message>
        <source>The probe appears after the first measurement.</source>
        <translation>Die Probe erscheint nach der ersten Messung.</translation>
    </message>
    <message>
        <source>L%1 E%2</source>
        <translation>S%1 E%2</translation>
    </message>
    <message>
        <source>E%1</source>
        <translation>E%1</translation>
    </message>
</context>
<context>
    <name>ProbePanel</name>
    <message>
        <source>Probe: the same two prompts, routed by the model at step %1</source>
        <translation>Probe: dieselben zwei Prompts, geroutet vom Modell bei Schritt %1</translation>
    </message>
    <message>
        <source>Probe: the same two prompts, routed as the model learns</source>
        <translation>Probe: dieselben zwei Prompts, geroutet, während das Modell lernt</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>Mathe</translation>
    </message>
    <message>
        <source>Poem</source>
        <translation>Gedicht</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>%1.  %2</source>
        <comment>a choice: its key number and its text</comment>
        <translation>%1.  %2</translation>
    </message>
    <message>
        <source>Quiz question</source>
        <translation>Quizfrage</translation>
    </message>
    <message>
        <source>Stop quiz</source>
        <translation>Quiz beenden</translation>
    </message>
    <message>
        <source>Back to the tracks. This try is not scored.</source>
        <translation>Zurück zu den Kursen. Dieser Versuch wird nicht gewertet.</translation>
    </message>
    <message>
        <source>Choice %1</source>
        <translation>Antwort %1</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Deine Antwort</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check my answer</source>
        <translation>Antwort prüfen</translation>
    </message>
    <message>
        <source>Check your answer (Enter)</source>
        <translation>Prüf deine Antwort (Enter)</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Nächste Frage</translation>
    </message>
    <message>
        <source>Go on (Enter)</source>
        <translation>Weiter (Enter)</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Frage %1 von %2</translation>
    </message>
    <message>
        <source>Press 1 to %1 or use the arrow keys to pick, then Enter to check.</source>
        <translation>Drück 1 bis %1 oder wähl mit den Pfeiltasten, dann Enter zum Prüfen.</translation>
    </message>
    <message>
        <source>True</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>False</source>
        <translation>Falsch</translation>
    </message>
    <message>
        <source>Press 1 for True or 2 for False, then Enter to check.</source>
        <translation>Drück 1 für Richtig oder 2 für Falsch, dann Enter zum Prüfen.</translation>
    </message>
    <message>
        <source>Type a number, then press Enter to check.</source>
        <translation>Tipp eine Zahl ein und drück dann Enter zum Prüfen.</translation>
    </message>
    <message>
        <source>✔ Right!</source>
        <translation>✔ Richtig!</translation>
    </message>
    <message>
        <source>✘ Not quite. The right answer: %1</source>
        <translation>✘ Nicht ganz. Die richtige Antwort: %1</translation>
    </message>
    <message>
        <source>See my score</source>
        <translation>Zum Ergebnis</translation>
    </message>
    <message>
        <source>Pick an answer first.</source>
        <translation>Wähl zuerst eine Antwort.</translation>
    </message>
    <message>
        <source>Type a number, like %1.</source>
        <translation>Tipp eine Zahl ein, zum Beispiel %1.</translation>
    </message>
    <message>
        <source>Choice %1 of %2</source>
        <translation>Antwort %1 von %2</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>Eine Zahl</translation>
    </message>
    <message>
        <source>A number, in %1</source>
        <translation>Eine Zahl, in %1</translation>
    </message>
    <message>
        <source>%1  ✔</source>
        <comment>a choice marked as the right answer</comment>
        <translation>%1  ✔</translation>
    </message>
    <message>
        <source>The right answer</source>
        <translation>Die richtige Antwort</translation>
    </message>
    <message>
        <source>%1  ✘</source>
        <comment>a wrong choice the learner picked</comment>
        <translation>%1  ✘</translation>
    </message>
    <message>
        <source>Your answer, not right</source>
        <translation>Deine Antwort, nicht richtig</translation>
    </message>
    <message>
        <source>No answers yet</source>
        <translation>Noch keine Antworten</translation>
    </message>
    <message>
        <source>Score: %1 of %2</source>
        <translation>Punkte: %1 von %2</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>Glossar</translation>
    </message>
    <message>
        <source>What the words mean: token, router, gate, expert …</source>
        <translation>Was die Wörter bedeuten: Token, Router, Gate, Experte …</translation>
    </message>
    <message>
        <source>Open the glossary</source>
        <translation>Das Glossar öffnen</translation>
    </message>
    <message>
        <source>Review this step</source>
        <translation>Diesen Schritt wiederholen</translation>
    </message>
    <message>
        <source>Open the lesson step that teaches this; the quiz waits here.</source>
        <translation>Den Lektionsschritt öffnen, der das erklärt; das Quiz wartet hier.</translation>
    </message>
    <message>
        <source>Show a hint</source>
        <translation>Tipp zeigen</translation>
    </message>
    <message>
        <source>A nudge in the right direction (H)</source>
        <translation>Ein Schubs in die richtige Richtung (H)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why it tempts:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Warum das verlockt:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Review this step: %1, step %2</source>
        <translation>Diesen Schritt wiederholen: %1, Schritt %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Hint:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Tipp:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Hint: %1</source>
        <translation>Tipp: %1</translation>
    </message>
</context>
<context>
    <name>QuizBank</name>
    <message>
        <source>%1 %2</source>
        <extracomment>A number and its unit in a quiz answer (&quot;5.5 %&quot;, &quot;12.9 B&quot;)</extracomment>
        <translation>%1&#xa0;%2</translation>
    </message>
    <message>
        <source>True</source>
        <translation>Richtig</translation>
    </message>
    <message>
        <source>False</source>
        <translation>Falsch</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(keine Antwort)</translation>
    </message>
</context>
<context>
    <name>QuizPage</name>
    <message>
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <source>Ages 8 to 11: a big AI is lots of tiny experts, and only a few wake up for each word.</source>
        <translation>8 bis 11 Jahre: Eine große KI besteht aus vielen winzigen Experten, und für jedes Wort wachen nur wenige auf.</translation>
    </message>
    <message>
        <source>Teens: total and active parameters, and why a mixture of experts runs fast.</source>
        <translation>Jugendliche: gesamte und aktive Parameter, und warum ein Mixture-of-Experts-Modell so schnell rechnet.</translation>
    </message>
    <message>
        <source>Adults and engineers: the router, load balancing, and what experts really learn.</source>
        <translation>Erwachsene und Fachleute: der Router, Lastverteilung und was Experten wirklich lernen.</translation>
    </message>
    <message>
        <source>Questions about the run you just watched in Explore, checked against its trace.</source>
        <translation>Fragen zu dem Lauf, den du gerade unter „Entdecken“ gesehen hast, geprüft an seinem Protokoll.</translation>
    </message>
    <message>
        <source>Your name could not be saved: %1</source>
        <translation>Dein Name konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Entdecker</translation>
    </message>
    <message>
        <source>Builder</source>
        <translation>Baumeister</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Gestalter</translation>
    </message>
    <message>
        <source>Your last run</source>
        <translation>Dein letzter Lauf</translation>
    </message>
    <message>
        <source>Run a prompt in Explore first.</source>
        <translation>Lass zuerst unter „Entdecken“ einen Prompt laufen.</translation>
    </message>
    <message>
        <source>That run was too short to ask about. Run a longer prompt in Explore.</source>
        <translation>Dieser Lauf war zu kurz für Fragen. Lass unter „Entdecken“ einen längeren Prompt laufen.</translation>
    </message>
    <message>
        <source>No questions for this track yet.</source>
        <translation>Für diesen Kurs gibt es noch keine Fragen.</translation>
    </message>
    <message>
        <source>There is no such track.</source>
        <translation>Diesen Kurs gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 quiz</source>
        <translation>Quiz: %1</translation>
    </message>
    <message>
        <source>Your first score on this track. Can you beat it next time?</source>
        <translation>Dein erstes Ergebnis in diesem Kurs. Schaffst du beim nächsten Mal mehr?</translation>
    </message>
    <message>
        <source>New best! Your best before was %1 of %2.</source>
        <translation>Neue Bestleistung! Vorher war dein Bestes %1 von %2.</translation>
    </message>
    <message>
        <source>Your best is still %1 of %2.</source>
        <translation>Dein Bestes bleibt %1 von %2.</translation>
    </message>
    <message>
        <source>No score yet</source>
        <translation>Noch kein Ergebnis</translation>
    </message>
    <message>
        <source>Best: %1 of %2</source>
        <translation>Bestes: %1 von %2</translation>
    </message>
    <message>
        <source>There are no results to export.</source>
        <translation>Es gibt keine Ergebnisse zum Exportieren.</translation>
    </message>
    <message>
        <source>Could not export the class results: %1</source>
        <translation>Die Klassenergebnisse konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Wrote 1 result to %1.</source>
        <translation>1 Ergebnis nach %1 geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n results to %1.</source>
        <translation>
            <numerusform>%n Ergebnis nach %1 geschrieben.</numerusform>
            <numerusform>%n Ergebnisse nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export class results</source>
        <translation>Klassenergebnisse exportieren</translation>
    </message>
    <message>
        <source>class-results.csv</source>
        <translation>klassenergebnisse.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Wrote the test to %1.</source>
        <translation>Test nach %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>QuizPdf</name>
    <message>
        <source>Answer:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>Tiny Experts · %1 quiz · test number %2</source>
        <translation>Tiny Experts · Quiz: %1 · Testnummer %2</translation>
    </message>
    <message>
        <source>Quiz: %1</source>
        <translation>Quiz: %1</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Klasse:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Tick one box for each question. Write number answers on the line.</source>
        <translation>Kreuze bei jeder Frage ein Kästchen an. Schreib Zahlen auf die Linie.</translation>
    </message>
    <message>
        <source>Answer key: %1</source>
        <translation>Lösungen: %1</translation>
    </message>
    <message>
        <source>For the teacher: the right answers of test number %1, and why.</source>
        <translation>Für die Lehrkraft: die richtigen Antworten von Test Nummer %1 und warum sie stimmen.</translation>
    </message>
</context>
<context>
    <name>QuizReview</name>
    <message>
        <source>Quiz results</source>
        <translation>Quiz-Ergebnis</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Noch mal versuchen</translation>
    </message>
    <message>
        <source>The same track again, in a new order</source>
        <translation>Derselbe Kurs noch einmal, in neuer Reihenfolge</translation>
    </message>
    <message>
        <source>Choose another track</source>
        <translation>Anderen Kurs wählen</translation>
    </message>
    <message>
        <source>Back to the list of tracks</source>
        <translation>Zurück zur Liste der Kurse</translation>
    </message>
    <message>
        <source>You got %1 of %2</source>
        <translation>Du hast %1 von %2 richtig</translation>
    </message>
    <message>
        <source>Your score could not be saved: %1</source>
        <translation>Dein Ergebnis konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>No mistakes. Well done!</source>
        <translation>Keine Fehler. Super gemacht!</translation>
    </message>
    <message numerus="yes">
        <source>Your mistakes, %n to look at again</source>
        <translation>
            <numerusform>Dein Fehler zum Nachschauen (%n)</numerusform>
            <numerusform>Deine Fehler zum Nachschauen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Question %1: %2</source>
        <translation>Frage %1: %2</translation>
    </message>
    <message>
        <source>✘ Your answer: %1</source>
        <translation>✘ Deine Antwort: %1</translation>
    </message>
    <message>
        <source>✔ The answer: %1</source>
        <translation>✔ Die Antwort: %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>QuizSheet</name>
    <message>
        <source>The quiz has no questions for the track &quot;%1&quot;.</source>
        <translation>Das Quiz hat keine Fragen für den Kurs „%1“.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (± %2)</source>
        <extracomment>A number answer and how far off still counts: &quot;12.9 B (± 0.1)&quot;</extracomment>
        <translation>%1 (± %2)</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>Antwort:</translation>
    </message>
</context>
<context>
    <name>QuizStart</name>
    <message>
        <source>Choose a quiz</source>
        <translation>Wähl ein Quiz</translation>
    </message>
    <message>
        <source>Test yourself</source>
        <translation>Teste dich selbst</translation>
    </message>
    <message>
        <source>Pick a track. You get up to 10 questions, one at a time, and see right away whether you were right, and why.</source>
        <translation>Wähl einen Kurs. Du bekommst bis zu 10 Fragen, eine nach der anderen, und siehst sofort, ob du richtig lagst und warum.</translation>
    </message>
    <message>
        <source>&amp;Your name (for the class results):</source>
        <translation>&amp;Dein Name (für die Klassenergebnisse):</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Dein Name</translation>
    </message>
    <message>
        <source>Saved with your scores so that a teacher can see them</source>
        <translation>Wird mit deinen Ergebnissen gespeichert, damit eine Lehrkraft sie sehen kann</translation>
    </message>
    <message>
        <source>e.g. Sam</source>
        <translation>z. B. Sam</translation>
    </message>
    <message>
        <source>%1 quiz</source>
        <translation>Quiz: %1</translation>
    </message>
    <message>
        <source>Export class results (CSV)…</source>
        <translation>Klassenergebnisse exportieren (CSV)…</translation>
    </message>
    <message>
        <source>Export class results as CSV</source>
        <translation>Klassenergebnisse als CSV exportieren</translation>
    </message>
    <message>
        <source>Save every finished quiz on this computer (name, track, score, time) as a spreadsheet file</source>
        <translation>Jedes abgeschlossene Quiz auf diesem Computer (Name, Kurs, Punkte, Zeit) als Tabellendatei speichern</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Print a test (PDF)…</source>
        <translation>Test drucken (PDF)…</translation>
    </message>
    <message>
        <source>Save a quiz as a printable test with an answer key</source>
        <translation>Ein Quiz als Test zum Ausdrucken mit Lösungen speichern</translation>
    </message>
    <message>
        <source>Print a quiz as a PDF test</source>
        <translation>Ein Quiz als PDF-Test drucken</translation>
    </message>
</context>
<context>
    <name>RaceCaption</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>After the same %1 training tokens, all three models predict the held-out text about equally well (%2, %3 and %4 bits per byte).</source>
        <translation>Nach denselben %1 Trainings-Tokens sagen alle drei Modelle den ungesehenen Text etwa gleich gut vorher (%2, %3 und %4 Bit pro Byte).</translation>
    </message>
    <message>
        <source>After the same %1 training tokens, %2 and %3 predict the held-out text about equally well (%4 and %5 bits per byte); %6 is behind with %7.</source>
        <translation>Nach denselben %1 Trainings-Tokens sagen %2 und %3 den ungesehenen Text etwa gleich gut vorher (%4 und %5 Bit pro Byte); %6 liegt mit %7 zurück.</translation>
    </message>
    <message>
        <source>After the same %1 training tokens, %2 predicts the held-out text best: %3 bits per byte, against %4 for %5 and %6 for %7.</source>
        <translation>Nach denselben %1 Trainings-Tokens sagt %2 den ungesehenen Text am besten vorher: %3 Bit pro Byte, gegenüber %4 für %5 und %6 für %7.</translation>
    </message>
    <message>
        <source>Given the same %1 of training (as long as %2 trained), all three are about equal (%3, %4 and %5 bits per byte).</source>
        <translation>Bei derselben Trainingszeit von %1 (so lange, wie %2 trainiert hat) sind alle drei etwa gleich gut (%3, %4 und %5 Bit pro Byte).</translation>
    </message>
    <message>
        <source>Given the same %1 of training (as long as %2 trained), %3 and %4 are about equal (%5 and %6 bits per byte); %7 is behind with %8.</source>
        <translation>Bei derselben Trainingszeit von %1 (so lange, wie %2 trainiert hat) sind %3 und %4 etwa gleich gut (%5 und %6 Bit pro Byte); %7 liegt mit %8 zurück.</translation>
    </message>
    <message>
        <source>Given the same %1 of training (as long as %2 trained), %3 is best: %4 bits per byte, against %5 for %6 and %7 for %8.</source>
        <translation>Bei derselben Trainingszeit von %1 (so lange, wie %2 trainiert hat) ist %3 am besten: %4 Bit pro Byte, gegenüber %5 für %6 und %7 für %8.</translation>
    </message>
    <message>
        <source>All three took about as long to train (%1, %2 and %3).</source>
        <translation>Alle drei haben etwa gleich lange trainiert (%1, %2 und %3).</translation>
    </message>
    <message>
        <source>Training took about as long for %1 and %2 (%3 and %4) and %5 for %6.</source>
        <translation>Das Training dauerte für %1 und %2 etwa gleich lange (%3 und %4), für %6 %5.</translation>
    </message>
    <message>
        <source>The fastest to train was %1 (%2), then %3 (%4) and %5 (%6).</source>
        <translation>Am schnellsten trainiert hat %1 (%2), danach %3 (%4) und %5 (%6).</translation>
    </message>
    <message>
        <source>The race is still running: these numbers will change.</source>
        <translation>Das Rennen läuft noch: Diese Zahlen werden sich ändern.</translation>
    </message>
</context>
<context>
    <name>RaceChart</name>
    <message>
        <source>Held-out text after the same number of training tokens</source>
        <translation>Ungesehener Text nach gleich vielen Trainings-Tokens</translation>
    </message>
    <message>
        <source>Held-out text after the same training time</source>
        <translation>Ungesehener Text nach gleich langer Trainingszeit</translation>
    </message>
    <message>
        <source>Bits per byte (lower is better)</source>
        <translation>Bit pro Byte (weniger ist besser)</translation>
    </message>
    <message>
        <source>One line per model: how many bits each needs per byte of text it never trained on, as it sees more training tokens.</source>
        <translation>Eine Linie pro Modell: wie viele Bit jedes pro Byte eines Texts braucht, auf dem es nie trainiert hat, während es mehr Trainings-Tokens sieht.</translation>
    </message>
    <message>
        <source>One line per model: how many bits each needs per byte of text it never trained on, as its training time goes by.</source>
        <translation>Eine Linie pro Modell: wie viele Bit jedes pro Byte eines Texts braucht, auf dem es nie trainiert hat, während seine Trainingszeit vergeht.</translation>
    </message>
    <message>
        <source>Training tokens (millions)</source>
        <translation>Trainings-Tokens (Millionen)</translation>
    </message>
    <message>
        <source>Training tokens (thousands)</source>
        <translation>Trainings-Tokens (Tausend)</translation>
    </message>
    <message>
        <source>Training tokens</source>
        <translation>Trainings-Tokens</translation>
    </message>
    <message>
        <source>Training time (seconds, measurements not counted)</source>
        <translation>Trainingszeit (Sekunden, ohne die Messungen)</translation>
    </message>
</context>
<context>
    <name>RaceModels</name>
    <message>
        <source>Mixture of experts</source>
        <translation>Mixture of Experts</translation>
    </message>
    <message>
        <source>Dense, same active parameters</source>
        <translation>Dicht, gleich viele aktive Parameter</translation>
    </message>
    <message>
        <source>Dense, same total parameters</source>
        <translation>Dicht, gleich viele Parameter insgesamt</translation>
    </message>
    <message>
        <source>the mixture</source>
        <translation>das MoE-Modell</translation>
    </message>
    <message>
        <source>the small dense model</source>
        <translation>das kleine dichte Modell</translation>
    </message>
    <message>
        <source>the big dense model</source>
        <translation>das große dichte Modell</translation>
    </message>
    <message>
        <source>The mixture as set in the form: %1 experts of width %2, %3 of them chosen for each token.</source>
        <translation>Das MoE-Modell, wie im Formular eingestellt: %1 Experten der Breite %2, davon %3 für jedes Token gewählt.</translation>
    </message>
    <message>
        <source>One feed-forward block of width %1: every token uses as many parameters as in the mixture, but there are no experts to choose from.</source>
        <translation>Ein Feed-Forward-Block der Breite %1: Jedes Token nutzt so viele Parameter wie im MoE-Modell, aber es gibt keine Experten zur Auswahl.</translation>
    </message>
    <message>
        <source>One feed-forward block of width %1: as many parameters as the whole mixture, and every token uses all of them.</source>
        <translation>Ein Feed-Forward-Block der Breite %1: so viele Parameter wie das ganze MoE-Modell, und jedes Token nutzt sie alle.</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <source>Does a mixture of experts learn more for its cost than a dense model? Three models train in turns on the same text: the mixture as set in the form, a dense model that uses as many parameters per token, and a dense model as big as the whole mixture.</source>
        <translation>Lernt ein Mixture-of-Experts-Modell für seine Kosten mehr als ein dichtes Modell? Drei Modelle trainieren abwechselnd auf demselben Text: das MoE-Modell, wie im Formular eingestellt, ein dichtes Modell, das pro Token gleich viele Parameter nutzt, und ein dichtes Modell, so groß wie das ganze MoE-Modell.</translation>
    </message>
    <message>
        <source>Start race</source>
        <translation>Rennen starten</translation>
    </message>
    <message>
        <source>Train the three models from scratch, in turns</source>
        <translation>Die drei Modelle von vorn trainieren, abwechselnd</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the race; what was measured stays on the charts</source>
        <translation>Das Rennen anhalten; was gemessen wurde, bleibt in den Diagrammen</translation>
    </message>
    <message>
        <source>Race progress</source>
        <translation>Fortschritt des Rennens</translation>
    </message>
    <message>
        <source>What the race shows</source>
        <translation>Was das Rennen zeigt</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>These settings cannot be trained; change them in the form first.</source>
        <translation>Mit diesen Einstellungen lässt sich nicht trainieren; ändere sie zuerst im Formular.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Hält an…</translation>
    </message>
    <message>
        <source>Preparing the training text and its vocabulary…</source>
        <translation>Trainingstext und Vokabular werden vorbereitet…</translation>
    </message>
    <message>
        <source>Training in turns…</source>
        <translation>Abwechselndes Training…</translation>
    </message>
    <message>
        <source>Training in turns: %1 of %2 steps</source>
        <translation>Abwechselndes Training: %1 von %2 Schritten</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>The race could not run: %1</source>
        <translation>Das Rennen konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>Each model: %1 steps of %2 tokens, %3 training tokens, the same training text for all three.</source>
        <translation>Jedes Modell: %1 Schritte mit je %2 Tokens, %3 Trainings-Tokens, derselbe Trainingstext für alle drei.</translation>
    </message>
    <message>
        <source>Press Start race: the caption will say, from the measured numbers, which model learns most per token and per second.</source>
        <translation>Drücke „Rennen starten“: Dann steht hier, aus den gemessenen Zahlen, welches Modell pro Token und pro Sekunde am meisten lernt.</translation>
    </message>
</context>
<context>
    <name>RaceTable</name>
    <message>
        <source>The three models of the race</source>
        <translation>Die drei Modelle des Rennens</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Held-out bits per byte</source>
        <translation>Bit pro Byte, ungesehen</translation>
    </message>
    <message>
        <source>Training tokens</source>
        <translation>Trainings-Tokens</translation>
    </message>
    <message>
        <source>Training seconds</source>
        <translation>Trainingssekunden</translation>
    </message>
    <message>
        <source>Parameters, total</source>
        <translation>Parameter insgesamt</translation>
    </message>
    <message>
        <source>Parameters, active</source>
        <translation>Parameter aktiv</translation>
    </message>
    <message>
        <source>Bits the model needs per byte of math and poem text it never trained on, at its last measurement: lower is better</source>
        <translation>Bit, die das Modell pro Byte Mathe- und Gedichttext braucht, auf dem es nie trainiert hat, bei seiner letzten Messung: weniger ist besser</translation>
    </message>
    <message>
        <source>Time spent on the model&apos;s own training steps, measurements not counted</source>
        <translation>Zeit für die eigenen Trainingsschritte des Modells, ohne die Messungen</translation>
    </message>
    <message>
        <source>Parameters one token uses on its way through</source>
        <translation>Parameter, die ein Token auf seinem Weg durch das Modell nutzt</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
</context>
<context>
    <name>RouterChartView</name>
    <message>
        <source>router probability</source>
        <translation>Router-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>experts</source>
        <translation>Experten</translation>
    </message>
    <message>
        <source>Router chart</source>
        <translation>Router-Diagramm</translation>
    </message>
    <message>
        <source>One bar per expert: how strongly the router of the chosen layer wanted each expert for the current token. The chosen experts are outlined.</source>
        <translation>Ein Balken pro Experte: wie stark der Router der gewählten Schicht jeden Experten für das aktuelle Token wollte. Die gewählten Experten sind umrandet.</translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation>Experte %1</translation>
    </message>
    <message>
        <source>Router of layer %1 for &apos;%2&apos;</source>
        <translation>Router von Schicht %1 für „%2“</translation>
    </message>
    <message>
        <source>Router of layer %1: run a prompt or click a token</source>
        <translation>Router von Schicht %1: Lass einen Prompt laufen oder klick auf ein Token</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%L1&#xa0;%</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>gewählt</translation>
    </message>
    <message>
        <source>Expert %1: router probability %2%</source>
        <translation>Experte %1: Router-Wahrscheinlichkeit %L2&#xa0;%</translation>
    </message>
    <message>
        <source>Switched off in this experiment</source>
        <translation>In diesem Experiment abgeschaltet</translation>
    </message>
    <message>
        <source>Chosen: one of the experts that worked on this token</source>
        <translation>Gewählt: einer der Experten, die an diesem Token gearbeitet haben</translation>
    </message>
    <message>
        <source>Asleep: not in the top-k</source>
        <translation>Schläft: nicht unter den Top-k</translation>
    </message>
    <message>
        <source>asleep</source>
        <translation>schläft</translation>
    </message>
    <message>
        <source>others</source>
        <translation>übrige</translation>
    </message>
    <message>
        <source>Top %1 + others</source>
        <translation>Top %1 + übrige</translation>
    </message>
    <message>
        <source>All %1 experts</source>
        <translation>Alle %1 Experten</translation>
    </message>
    <message>
        <source>The chart shows the %1 experts the router wanted most and one bar for all the others; this button switches to every expert&apos;s bar and back.</source>
        <translation>Das Diagramm zeigt die %1 Experten, die der Router am meisten wollte, und einen Balken für alle übrigen; dieser Knopf schaltet auf einen Balken je Experte um und zurück.</translation>
    </message>
    <message>
        <source>Layer %1 is dense: no router, no bars</source>
        <translation>Schicht %1 ist dicht: kein Router, keine Balken</translation>
    </message>
    <message>
        <source>all %1 experts in number order; outlined = chosen</source>
        <translation>alle %1 Experten nach Nummer; umrandet = gewählt</translation>
    </message>
    <message>
        <source>top %1 by probability, then the rest; outlined = chosen</source>
        <translation>die %1 wahrscheinlichsten, dann der Rest; umrandet = gewählt</translation>
    </message>
    <message numerus="yes">
        <source>%n
others</source>
        <translation>
            <numerusform>%n
übriger</numerusform>
            <numerusform>%n
übrige</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other experts, together: router probability %1%</source>
        <translation>
            <numerusform>%n anderer Experte, zusammen: Router-Wahrscheinlichkeit %1 %</numerusform>
            <numerusform>%n andere Experten, zusammen: Router-Wahrscheinlichkeit %1 %</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoutingCaption</name>
    <message>
        <source>expert %1 (%2%)</source>
        <translation>Experte %1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>No expert slept: every one of them worked on it.</source>
        <translation>Kein Experte hat geschlafen: Jeder hat daran gearbeitet.</translation>
    </message>
    <message>
        <source>The other expert slept.</source>
        <translation>Der andere Experte hat geschlafen.</translation>
    </message>
    <message>
        <source>The other %1 experts slept.</source>
        <translation>Die anderen %1 Experten haben geschlafen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>The router in layer %1 sent %2 to no expert at all.</source>
        <translation>Der Router in Schicht %1 hat %2 an gar keinen Experten geschickt.</translation>
    </message>
    <message>
        <source>Layer %1 is dense: it has no router and no experts; every token goes through its one feed-forward block.</source>
        <translation>Schicht %1 ist dicht: Sie hat keinen Router und keine Experten; jedes Token läuft durch ihren einen Feed-Forward-Block.</translation>
    </message>
    <message>
        <source>The router in layer %1 sent %2 to expert %3 alone.</source>
        <translation>Der Router in Schicht %1 hat %2 nur an Experte %3 geschickt.</translation>
    </message>
    <message>
        <source>The router in layer %1 sent %2 to %3.</source>
        <translation>Der Router in Schicht %1 hat %2 an %3 geschickt.</translation>
    </message>
</context>
<context>
    <name>ScaleView</name>
    <message>
        <source>Scale calculator</source>
        <translation>Größenrechner</translation>
    </message>
    <message>
        <source>How big are real mixture-of-experts models, and how much of them works per token?</source>
        <translation>Wie groß sind echte Mixture-of-Experts-Modelle, und wie viel davon arbeitet pro Token?</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <source>Dense comparison</source>
        <translation>Vergleich mit dichtem Modell</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Calculator</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>The window is small: show the chart, the table, the calculator or the closed models</source>
        <translation>Das Fenster ist klein: Diagramm, Tabelle, Rechner oder geschlossene Modelle zeigen</translation>
    </message>
    <message>
        <source>Chart, table, calculator or closed models</source>
        <translation>Diagramm, Tabelle, Rechner oder geschlossene Modelle</translation>
    </message>
    <message>
        <source>Total and active parameters per model, log scale</source>
        <translation>Gesamte und aktive Parameter pro Modell, logarithmische Skala</translation>
    </message>
    <message>
        <source>Grey: all the weights in memory. Coloured: the weights one token uses. Each step on the axis is ten times more.</source>
        <translation>Grau: alle Gewichte im Speicher. Farbig: die Gewichte, die ein Token nutzt. Jeder Schritt auf der Achse ist zehnmal mehr.</translation>
    </message>
    <message>
        <source>Models: total and active parameters</source>
        <translation>Modelle: gesamte und aktive Parameter</translation>
    </message>
    <message>
        <source>Click a model to read its numbers above and load it into the calculator</source>
        <translation>Klick auf ein Modell, um oben seine Zahlen zu lesen und es in den Rechner zu laden</translation>
    </message>
    <message>
        <source>Build your own mixture of experts</source>
        <translation>Bau dein eigenes Mixture-of-Experts-Modell</translation>
    </message>
    <message>
        <source>How many experts each MoE layer has</source>
        <translation>Wie viele Experten jede MoE-Schicht hat</translation>
    </message>
    <message>
        <source>How many of them the router wakes for each token (top-k)</source>
        <translation>Wie viele davon der Router für jedes Token weckt (Top-k)</translation>
    </message>
    <message>
        <source>The weights of one expert, added up over all layers</source>
        <translation>Die Gewichte eines Experten, über alle Schichten zusammengezählt</translation>
    </message>
    <message>
        <source>Weights every token uses: attention, embeddings, norms, routers, shared experts</source>
        <translation>Gewichte, die jedes Token nutzt: Attention, Embeddings, Normen, Router, gemeinsame Experten</translation>
    </message>
    <message>
        <source>thousands (K)</source>
        <translation>Tausend (Tsd.)</translation>
    </message>
    <message>
        <source>millions (M)</source>
        <translation>Millionen (Mio.)</translation>
    </message>
    <message>
        <source>billions (B)</source>
        <translation>Milliarden (Mrd.)</translation>
    </message>
    <message>
        <source>The unit of the two sizes</source>
        <translation>Die Einheit der beiden Größen</translation>
    </message>
    <message>
        <source>Experts per layer</source>
        <translation>Experten pro Schicht</translation>
    </message>
    <message>
        <source>Experts used per token</source>
        <translation>Genutzte Experten pro Token</translation>
    </message>
    <message>
        <source>Parameters per expert</source>
        <translation>Parameter pro Experte</translation>
    </message>
    <message>
        <source>Shared parameters</source>
        <translation>Gemeinsame Parameter</translation>
    </message>
    <message>
        <source>Sizes in</source>
        <translation>Größen in</translation>
    </message>
    <message>
        <source>total: all weights in memory</source>
        <translation>gesamt: alle Gewichte im Speicher</translation>
    </message>
    <message>
        <source>active: weights one token uses</source>
        <translation>aktiv: Gewichte, die ein Token nutzt</translation>
    </message>
    <message>
        <source>of the weights work per token</source>
        <translation>der Gewichte arbeiten pro Token</translation>
    </message>
    <message>
        <source>the compute of a dense model of the same total size</source>
        <translation>so viel Rechenarbeit braucht ein dichtes Modell gleicher Gesamtgröße</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>Formel</translation>
    </message>
    <message>
        <source>this app&apos;s model file</source>
        <translation>die Modelldatei dieser App</translation>
    </message>
    <message>
        <source>This app&apos;s own model: small enough to train on a laptop in about an hour.</source>
        <translation>Das eigene Modell dieser App: klein genug, um es in etwa einer Stunde auf einem Laptop zu trainieren.</translation>
    </message>
    <message>
        <source>Data problem: %1</source>
        <translation>Problem mit den Daten: %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Active per token</source>
        <translation>Aktiv pro Token</translation>
    </message>
    <message>
        <source>Active %</source>
        <translation>Aktiv %</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>Experten</translation>
    </message>
    <message>
        <source>Used per token</source>
        <translation>Genutzt pro Token</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>%1 (this app)</source>
        <translation>%1 (diese App)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 + %2 shared</source>
        <translation>%1 + %2 gemeinsam</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>parameters (log scale: each step is 10 times more)</source>
        <translation>Parameter (log. Skala: jeder Schritt ist 10-mal mehr)</translation>
    </message>
    <message>
        <source>Filled in from %1: parameters per expert = (total − active) ÷ (experts − used), shared = active − used × per expert. Change any number to see what happens.</source>
        <translation>Ausgefüllt aus %1: Parameter pro Experte = (gesamt − aktiv) ÷ (Experten − genutzt), gemeinsam = aktiv − genutzt × pro Experte. Ändere eine beliebige Zahl und sieh, was passiert.</translation>
    </message>
    <message>
        <source>The model list could not be loaded.</source>
        <translation>Die Modellliste konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>%1 has %2 parameters and wakes %3 of its %4 experts per token.</source>
        <translation>%1 hat %2 Parameter und weckt pro Token %3 seiner %4 Experten.</translation>
    </message>
    <message>
        <source>Its source gives no count of the parameters one token uses.</source>
        <translation>Seine Quelle nennt nicht, wie viele Parameter ein Token nutzt.</translation>
    </message>
    <message>
        <source>%1 uses about %2 of its weights for each token: %3 of %4.</source>
        <translation>%1 nutzt für jedes Token etwa %2 seiner Gewichte (%3 von %4).</translation>
    </message>
    <message>
        <source>A dense model with %1 parameters would use all %1 for every token: %2 the compute of %3&apos;s %4.</source>
        <translation>Ein dichtes Modell mit %1 Parametern würde für jedes Token alle %1 nutzen: %2 so viel Rechenarbeit wie die %4 von %3.</translation>
    </message>
    <message>
        <source>It is about %1 times the size of this app&apos;s model (%2).</source>
        <translation>Es ist etwa %1-mal so groß wie das Modell dieser App (%2).</translation>
    </message>
    <message>
        <source>Give the experts or the shared part some parameters.</source>
        <translation>Gib den Experten oder dem gemeinsamen Teil ein paar Parameter.</translation>
    </message>
    <message>
        <source>total = shared + experts × per expert = %1 + %2 × %3 = %4&lt;br&gt;active = shared + used × per expert = %1 + %5 × %3 = %6</source>
        <translation>gesamt = gemeinsam + Experten × pro Experte = %1 + %2 × %3 = %4&lt;br&gt;aktiv = gemeinsam + genutzt × pro Experte = %1 + %5 × %3 = %6</translation>
    </message>
    <message>
        <source>the model file you opened</source>
        <translation>die Modelldatei, die du geöffnet hast</translation>
    </message>
    <message>
        <source>The model you opened: %1 layers, the first %2 dense (no experts).</source>
        <translation>Das Modell, das du geöffnet hast: %1 Schichten, die ersten %2 dicht (ohne Experten).</translation>
    </message>
    <message>
        <source>The model you opened: %1 layers.</source>
        <translation>Das Modell, das du geöffnet hast: %1 Schichten.</translation>
    </message>
    <message>
        <source>%1 (opened)</source>
        <translation>%1 (geöffnet)</translation>
    </message>
    <message>
        <source>It is about %1 times the size of the model you opened (%2).</source>
        <translation>Es ist etwa %1-mal so groß wie das Modell, das du geöffnet hast (%2).</translation>
    </message>
    <message>
        <source>Closed models</source>
        <translation>Geschlossene Modelle</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Up to 2024</source>
        <translation>Bis 2024</translation>
    </message>
    <message>
        <source>2025 and later</source>
        <translation>2025 und später</translation>
    </message>
    <message>
        <source>Which models the chart and the table show</source>
        <translation>Welche Modelle Diagramm und Tabelle zeigen</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <source>Show models</source>
        <translation>Modelle zeigen</translation>
    </message>
    <message>
        <source>Closed models: a mixture of experts or not?</source>
        <translation>Geschlossene Modelle: Mixture of Experts oder nicht?</translation>
    </message>
    <message>
        <source>%1: unknown source &quot;%2&quot;</source>
        <translation>%1: unbekannte Quelle „%2“</translation>
    </message>
    <message>
        <source>%1 (shared: –)</source>
        <translation>%1 (gemeinsame: –)</translation>
    </message>
    <message>
        <source>%1 (announced)</source>
        <translation>%1 (angekündigt)</translation>
    </message>
    <message>
        <source>–: not published by the model&apos;s maker.</source>
        <translation>–: vom Hersteller des Modells nicht veröffentlicht.</translation>
    </message>
    <message>
        <source>Their makers publish no parameter counts, so they are not on the chart.</source>
        <translation>Ihre Hersteller veröffentlichen keine Parameterzahlen, deshalb stehen sie nicht im Diagramm.</translation>
    </message>
    <message>
        <source>confirmed mixture of experts</source>
        <translation>bestätigt Mixture of Experts</translation>
    </message>
    <message>
        <source>rumoured, not confirmed</source>
        <translation>Gerücht, nicht bestätigt</translation>
    </message>
    <message>
        <source>%1: its source does not publish enough numbers to fill in the calculator (it needs total, active, experts and experts used).</source>
        <translation>%1: Die Quelle veröffentlicht nicht genug Zahlen, um den Rechner auszufüllen (er braucht gesamt, aktiv, Experten und benutzte Experten).</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>Announced only: no weights released.</source>
        <translation>Nur angekündigt: keine Gewichte veröffentlicht.</translation>
    </message>
    <message>
        <source>%1 has %2 parameters; its source says about %3 of them work for each token.</source>
        <translation>%1 hat %2 Parameter; laut seiner Quelle arbeiten davon etwa %3 für jedes Token.</translation>
    </message>
    <message>
        <source>%1 has %2 parameters.</source>
        <translation>%1 hat %2 Parameter.</translation>
    </message>
</context>
<context>
    <name>SettingsProblems</name>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>Attention-Köpfe</translation>
    </message>
    <message>
        <source>Experts per layer</source>
        <translation>Experten pro Schicht</translation>
    </message>
    <message>
        <source>Experts per token (top-k)</source>
        <translation>Experten pro Token (Top-k)</translation>
    </message>
    <message>
        <source>Expert width</source>
        <translation>Breite eines Experten</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <source>Tokens per window</source>
        <translation>Tokens pro Fenster</translation>
    </message>
    <message>
        <source>Windows per step</source>
        <translation>Fenster pro Schritt</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Balancing loss weight</source>
        <translation>Gewicht des Ausgleichsverlusts</translation>
    </message>
    <message>
        <source>Math share</source>
        <translation>Mathe-Anteil</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Measure every</source>
        <translation>Messen alle</translation>
    </message>
    <message>
        <source>Probe every</source>
        <translation>Probe alle</translation>
    </message>
    <message>
        <source>%1 must be from %2 to %3, not %4.</source>
        <translation>%1 muss zwischen %2 und %3 liegen, nicht bei %4.</translation>
    </message>
    <message>
        <source>The width (%1) must be a multiple of the attention heads (%2): each head gets an equal slice of it.</source>
        <translation>Die Breite (%1) muss ein Vielfaches der Attention-Köpfe (%2) sein: Jeder Kopf bekommt ein gleich großes Stück davon.</translation>
    </message>
    <message>
        <source>Each head&apos;s slice of the width (%1 / %2 = %3) must be even: the position code (rotary embedding) turns pairs of numbers.</source>
        <translation>Das Stück der Breite für jeden Kopf (%1 / %2 = %3) muss gerade sein: Der Positionscode (Rotary Embedding) dreht Zahlenpaare.</translation>
    </message>
    <message>
        <source>Experts per token (%1) cannot be more than the experts per layer (%2): a token cannot visit experts that are not there.</source>
        <translation>Experten pro Token (%1) können nicht mehr sein als Experten pro Schicht (%2): Ein Token kann keine Experten besuchen, die es nicht gibt.</translation>
    </message>
    <message>
        <source>Threads (%1) cannot be more than the windows per step (%2): each thread trains on whole windows.</source>
        <translation>Threads (%1) können nicht mehr sein als Fenster pro Schritt (%2): Jeder Thread trainiert auf ganzen Fenstern.</translation>
    </message>
</context>
<context>
    <name>TokenStripView</name>
    <message>
        <source>Token strip</source>
        <translation>Textstreifen</translation>
    </message>
    <message>
        <source>The text one token at a time; each chip has the colour and number of the expert its token went to first.</source>
        <translation>Der Text, Token für Token; jedes Kärtchen hat die Farbe und Nummer des Experten, zu dem sein Token zuerst ging.</translation>
    </message>
    <message>
        <source>Click a token to see how it was routed; Left and Right step through them.</source>
        <translation>Klick auf ein Token, um zu sehen, wohin es geschickt wurde; mit Pfeil links und rechts gehst du sie durch.</translation>
    </message>
    <message>
        <source>start</source>
        <translation>Anfang</translation>
    </message>
    <message>
        <source>prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>model writes:</source>
        <translation>Modell schreibt:</translation>
    </message>
    <message>
        <source>Token %1 &apos;%2&apos;, read from the prompt</source>
        <translation>Token %1 „%2“, aus dem Prompt gelesen</translation>
    </message>
    <message>
        <source>Token %1 &apos;%2&apos;, written by the model</source>
        <translation>Token %1 „%2“, vom Modell geschrieben</translation>
    </message>
    <message>
        <source>E%1 %2%</source>
        <translation>E%1 %2&#xa0;%</translation>
    </message>
    <message>
        <source>L%1: %2</source>
        <translation>L%1: %2</translation>
    </message>
    <message>
        <source>Run a prompt: its tokens appear here, coloured by the expert each one went to first.</source>
        <translation>Lass einen Prompt laufen: Seine Tokens erscheinen hier, gefärbt nach dem Experten, zu dem jedes zuerst ging.</translation>
    </message>
    <message>
        <source>Layer %1 is dense: it has no router, every token goes through the same feed-forward block, so the chips stay grey.</source>
        <translation>Schicht %1 ist dicht: Sie hat keinen Router, jedes Token läuft durch denselben Feed-Forward-Block, deshalb bleiben die Chips grau.</translation>
    </message>
    <message numerus="yes">
        <source>%n experts here, more than there are clear colours. Colour = first choice in layer %1: %2; grey = any other expert (its number is on the chip).</source>
        <translation>
            <numerusform>%n Experte hier, mehr als es klare Farben gibt. Farbe = erste Wahl in Schicht %1: %2; grau = jeder andere Experte (seine Nummer steht auf dem Chip).</numerusform>
            <numerusform>%n Experten hier, mehr als es klare Farben gibt. Farbe = erste Wahl in Schicht %1: %2; grau = jeder andere Experte (seine Nummer steht auf dem Chip).</numerusform>
        </translation>
    </message>
    <message>
        <source>other</source>
        <translation>übrige</translation>
    </message>
</context>
<context>
    <name>TraceCaption</name>
    <message>
        <source>(Experiment: %1.)</source>
        <translation>(Experiment: %1.)</translation>
    </message>
</context>
<context>
    <name>TraceModel</name>
    <message>
        <source>⟨start⟩</source>
        <translation>⟨Anfang⟩</translation>
    </message>
    <message>
        <source>⟨end⟩</source>
        <translation>⟨Ende⟩</translation>
    </message>
    <message>
        <source>Token %1 (id %2)</source>
        <translation>Token %1 (ID %2)</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>erzeugt</translation>
    </message>
    <message>
        <source>Layer %1 chose %2
Router probabilities: %3</source>
        <translation>Schicht %1 wählte %2
Router-Wahrscheinlichkeiten: %3</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>The token&apos;s text; ␣ is a space, ↵ a new line</source>
        <translation>Der Text des Tokens; ␣ ist ein Leerzeichen, ↵ eine neue Zeile</translation>
    </message>
    <message>
        <source>Read from the prompt, or written by the model</source>
        <translation>Aus dem Prompt gelesen oder vom Modell geschrieben</translation>
    </message>
    <message>
        <source>The experts layer %1 chose for the token, with their gate weights</source>
        <translation>Die Experten, die Schicht %1 für das Token gewählt hat, mit ihren Gewichten</translation>
    </message>
</context>
<context>
    <name>TrainingCharts</name>
    <message>
        <source>Text it never saw: bits per byte</source>
        <translation>Ungesehener Text: Bit pro Byte</translation>
    </message>
    <message>
        <source>bits per byte (lower is better)</source>
        <translation>Bit pro Byte (weniger ist besser)</translation>
    </message>
    <message>
        <source>training loss (nats/token)</source>
        <translation>Trainingsverlust (Nat/Token)</translation>
    </message>
    <message>
        <source>Math vs poems: divergence</source>
        <translation>Mathe vs. Gedichte: Divergenz</translation>
    </message>
    <message>
        <source>bits (0 = routed the same)</source>
        <translation>Bit (0 = gleich geroutet)</translation>
    </message>
    <message>
        <source>Least- and most-used expert</source>
        <translation>Kleinster/größter Anteil</translation>
    </message>
    <message>
        <source>share of a layer&apos;s work (%)</source>
        <translation>Anteil an der Arbeit einer Schicht (%)</translation>
    </message>
    <message>
        <source>math</source>
        <translation>Mathe</translation>
    </message>
    <message>
        <source>poems</source>
        <translation>Gedichte</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>most used</source>
        <translation>meiste</translation>
    </message>
    <message>
        <source>least used</source>
        <translation>wenigste</translation>
    </message>
    <message>
        <source>even (1/%1)</source>
        <translation>gleich (1/%1)</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>The model is still training: stop it or let it finish first.</source>
        <translation>Das Modell trainiert noch: Stoppe es oder lass es erst fertig werden.</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>There is no trained model to save yet.</source>
        <translation>Es gibt noch kein trainiertes Modell zum Speichern.</translation>
    </message>
</context>
<context>
    <name>UsageHeatMap</name>
    <message>
        <source>Difference map</source>
        <translation>Unterschiedskarte</translation>
    </message>
    <message>
        <source>Layers by experts. Each cell shows how much more of the math work (plus, indigo) or of the poem&apos;s work (minus, brown) the expert did.</source>
        <translation>Schichten mal Experten. Jedes Kästchen zeigt, wie viel mehr von der Mathe-Arbeit (plus, indigo) oder von der Gedicht-Arbeit (minus, braun) der Experte erledigt hat.</translation>
    </message>
    <message>
        <source>Run a math prompt and a poem to see the difference map.</source>
        <translation>Lass einen Mathe-Prompt und ein Gedicht laufen, um die Unterschiedskarte zu sehen.</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>indigo (+) = used more for math</source>
        <translation>indigo (+) = mehr für Mathe genutzt</translation>
    </message>
    <message>
        <source>brown (−) = used more for the poem</source>
        <translation>braun (−) = mehr für das Gedicht genutzt</translation>
    </message>
    <message>
        <source>Each number: the expert&apos;s share of the math work minus its share of the poem&apos;s work, in percentage points. Click a row to show that layer in the chart.</source>
        <translation>Jede Zahl: der Anteil des Experten an der Mathe-Arbeit minus sein Anteil an der Gedicht-Arbeit, in Prozentpunkten. Klick auf eine Zeile, um diese Schicht im Diagramm zu zeigen.</translation>
    </message>
    <message>
        <source>Layer %1, expert %2: %3 of the math work, %4 of the poem&apos;s work (%5)</source>
        <translation>Schicht %1, Experte %2: %3 der Mathe-Arbeit, %4 der Gedicht-Arbeit (%5)</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <source>each row sorted: biggest difference on the left</source>
        <translation>jede Zeile sortiert: größter Unterschied links</translation>
    </message>
    <message>
        <source>dense layer: no router</source>
        <translation>dichte Schicht: kein Router</translation>
    </message>
    <message>
        <source>grey = shared, always on for both texts</source>
        <translation>grau = geteilt, für beide Texte immer an</translation>
    </message>
    <message>
        <source>Each cell: the expert&apos;s share of the math work minus its share of the poem&apos;s work, full colour from %1 points on (point at a cell for its numbers). Click a row to show that layer in the chart.</source>
        <translation>Jedes Feld: der Anteil des Experten an der Mathe-Arbeit minus sein Anteil an der Gedicht-Arbeit, volle Farbe ab %1 Prozentpunkten (zeige auf ein Feld für seine Zahlen). Klicke eine Zeile an, um diese Schicht im Diagramm zu zeigen.</translation>
    </message>
    <message>
        <source>Layer %1 is dense: it has no router, every token of both texts goes through the same block</source>
        <translation>Schicht %1 ist dicht: Sie hat keinen Router, jedes Token beider Texte läuft durch denselben Block</translation>
    </message>
</context>
<context>
    <name>Worksheet</name>
    <message>
        <source>The prompt is empty: type a few words first.</source>
        <translation>Der Prompt ist leer: Gib zuerst ein paar Wörter ein.</translation>
    </message>
</context>
<context>
    <name>WorksheetPdf</name>
    <message>
        <source>Model: %1 · %2 layers · %3 experts in each layer · %4 chosen for each token</source>
        <translation>Modell: %1 · %2 Schichten · %3 Experten in jeder Schicht · %4 gewählt für jedes Token</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>Token %1: “%2”</source>
        <translation>Token %1: „%2“</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1 (Fortsetzung)</translation>
    </message>
    <message>
        <source>This sheet shows the first %1 of the prompt&apos;s %2 tokens.</source>
        <translation>Dieses Blatt zeigt die ersten %1 der %2 Tokens des Prompts.</translation>
    </message>
    <message>
        <source>Grey rows are layers without a router: every token goes through the same feed-forward block there.</source>
        <translation>Graue Zeilen sind Schichten ohne Router: Dort geht jedes Token durch denselben Feed-Forward-Block.</translation>
    </message>
    <message>
        <source>The model also reads a start token before the first one; it is not on this sheet.</source>
        <translation>Das Modell liest vor dem ersten Token noch ein Start-Token; es steht nicht auf diesem Blatt.</translation>
    </message>
    <message>
        <source>Worksheet: %1</source>
        <translation>Arbeitsblatt: %1</translation>
    </message>
    <message>
        <source>Tiny Experts · worksheet · %1</source>
        <translation>Tiny Experts · Arbeitsblatt · %1</translation>
    </message>
    <message>
        <source>Which experts wake up?</source>
        <translation>Welche Experten wachen auf?</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>The model reads the prompt one token at a time. In each layer, its router wakes up one expert for each token. For each token, colour the expert you think wakes up in each layer.</source>
        <translation>Das Modell liest den Prompt Token für Token. In jeder Schicht weckt sein Router für jedes Token einen Experten. Male für jedes Token in jeder Schicht den Experten aus, der deiner Meinung nach aufwacht.</translation>
    </message>
    <message numerus="yes">
        <source>The model reads the prompt one token at a time. In each layer, its router wakes up %n experts for each token. For each token, colour the experts you think wake up in each layer.</source>
        <translation>
            <numerusform>Das Modell liest den Prompt Token für Token. In jeder Schicht weckt sein Router für jedes Token %n Experten. Male für jedes Token in jeder Schicht den Experten aus, der deiner Meinung nach aufwacht.</numerusform>
            <numerusform>Das Modell liest den Prompt Token für Token. In jeder Schicht weckt sein Router für jedes Token %n Experten. Male für jedes Token in jeder Schicht die Experten aus, die deiner Meinung nach aufwachen.</numerusform>
        </translation>
    </message>
    <message>
        <source>The prompt in tokens, as the model splits it (␣ is a space):</source>
        <translation>Der Prompt in Tokens, so wie das Modell ihn zerlegt (␣ ist ein Leerzeichen):</translation>
    </message>
    <message>
        <source>Answers: what the router chose</source>
        <translation>Lösungen: was der Router gewählt hat</translation>
    </message>
    <message>
        <source>an expert the router woke up for this token in this layer; the number is its gate weight in %: its share of the answer.</source>
        <translation>ein Experte, den der Router für dieses Token in dieser Schicht geweckt hat; die Zahl ist sein Gate in %: sein Anteil an der Antwort.</translation>
    </message>
    <message>
        <source>an expert the router woke up for this token in this layer.</source>
        <translation>ein Experte, den der Router für dieses Token in dieser Schicht geweckt hat.</translation>
    </message>
</context>
<context>
    <name>WrittenFor</name>
    <message>
        <source>%1 layers, %2 experts per layer, %3 awake per token</source>
        <translation>%1 Schichten, %2 Experten pro Schicht, %3 wach pro Token</translation>
    </message>
    <message>
        <source>shared experts always on: %1</source>
        <translation>immer aktive geteilte Experten: %1</translation>
    </message>
    <message>
        <source>dense layers without a router: %1</source>
        <translation>dichte Schichten ohne Router: %1</translation>
    </message>
    <message>
        <source>Written for the built-in model (%1). Loaded now: “%2” (%3). Numbers the text gives about “this model” are the built-in model&apos;s; the live views show “%2”.</source>
        <translation>Geschrieben für das eingebaute Modell (%1). Geladen ist jetzt „%2“ (%3). Zahlen, die der Text über „dieses Modell“ nennt, sind die des eingebauten Modells; die Live-Ansichten zeigen „%2“.</translation>
    </message>
</context>
</TS>
