<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppOptions</name>
    <message>
        <source>Watch a real Mixture-of-Experts language model think.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this prompt at start-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this mode: explore, compare, scale, lessons or quiz.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the window once the runs settle, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit after this many seconds (taking the screenshot first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this GGUF model instead of the built-in one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour theme: system, light, dark or contrast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write frame times and the start-up time to FILE at exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in full screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in classroom mode: full screen, projector-size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the app: en or de.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this lesson, at this step (1-based).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a quiz on this track.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the quiz&apos;s first question with choice N (1-based).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mode must be explore, compare, scale, lessons or quiz, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--theme must be system, light, dark or contrast, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lang must be en or de, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quiz must be explorer, builder, creator or live, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quiz-answer needs a choice from 1 to 6, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--quit-after needs a number of seconds, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot needs a .png file name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassroomMode</name>
    <message>
        <source>One token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave classroom mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareCaption</name>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a math prompt and a poem to see whether they wake different experts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No real difference: in every layer the two texts used the experts almost the same way (divergence below %1 bits). The router sent math and poem tokens to the same experts about equally often.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: math and the poem woke different experts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A little: math and the poem used the experts somewhat differently.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert %1 did %2 of the math work there and none of the poem&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert %1 did %2 of the math work there but only %3 of the poem&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert %1 did %2 of the poem&apos;s work and none of the math work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expert %1 did %2 of the poem&apos;s work and only %3 of the math work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest difference is in layer %1 (%2 bits): %3, while %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer shows some difference (%1 bits on average).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the other layer the two texts used the experts almost the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In all the other layers the two texts used the experts almost the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In one other layer the two texts used the experts almost the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>In %n other layers the two texts used the experts almost the same way.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>The model could not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Math</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run both prompts and compare which experts did the work (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 text the model reads and continues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Compare&lt;/b&gt;: the model reads both texts, then the charts show which experts each one woke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both prompts are needed: one with math, one from a poem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and continuing the math text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and continuing the poem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both texts were read and continued (%1 and %2 tokens, prompts included). Every bar counts the experts the router really chose.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare math and poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do math and poems wake different experts?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Math text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poem text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each expert&apos;s share of the work in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which layer the bars show (the chart starts where the texts differ most)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer shown in the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the prompt too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: every token counts, the ones read from the prompt and the ones the model wrote. Off: only the tokens the model wrote itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the prompt tokens too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage per expert, math and poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indigo bars: math. Brown bars: the poem. The dashed line is an even share: what every expert would get if the router spread the work equally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference map: which text each expert worked for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Difference per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens read (bold), %2 written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These two runs cannot be compared. They come from models of different shapes (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bars appear when both texts have run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Math</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>even share (%1%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of the layer&apos;s expert work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostPanel</name>
    <message>
        <source>Active share of the parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asleep %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply-adds of the weight matrices for one token, counted twice (multiply and add). A dense model of the same size runs every expert for every token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts summed over all layers that did no work for this token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tokens per second the model is generating right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost of the current token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <comment>billion</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M</source>
        <comment>million</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k</source>
        <comment>thousand</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the cost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-%1 routing instead of top-%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 expert switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 experts switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token used %1 of %2 parameters (%3%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs: %1 vs %2 for a dense model of the same size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts asleep: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a prompt to see what each token costs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs: -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts asleep: -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second: -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 parameters were active for this token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExperimentsPanel</name>
    <message>
        <source>&lt;b&gt;Experiments&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the routing and watch what changes: the text, the answer, the speed, the parameters used. The prompt runs again after every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many experts each layer wakes per token. All experts = a dense model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch experts off (or click a cell of the grid):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset experiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the model&apos;s own routing: its top-k, every expert on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1 of layer %2: on when ticked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 expert %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts per token: &lt;b&gt;all %1&lt;/b&gt; (dense: nobody sleeps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts per token: &lt;b&gt;%1&lt;/b&gt; of %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (as trained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all %1 experts per token (dense)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-%1 routing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>layer %1: expert %2 off</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpertGridView</name>
    <message>
        <source>Expert grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers as rows and experts as columns; the experts the router chose for the current token light up, the others sleep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, expert %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router probability: %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: gets %1% of the layer&apos;s expert output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asleep for this token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switched off in this experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lit: chosen, % = gate weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dim: asleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off: switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fps  p95 %2 ms  max %3 ms  %4 frames</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplorePage</name>
    <message>
        <source>&lt;b&gt;The model could not run:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Run&lt;/b&gt; (or Ctrl+Enter) and watch which experts wake up for every token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer the chart, the caption and the token colours describe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text, token by token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours and chart show layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which experts wake up (layers × experts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a prompt, or pick a preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model reads first; then it writes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts to try: math, poems, and a mix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the prompt and write on (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or continue (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▸ Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One token at a time (Right arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this run (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change top-k, switch experts off (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slow motion ... as fast as the model can ( - and + )</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = always the most likely next token; higher = more surprising choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed, same text: the random choices repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tokens the model writes at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Math</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slow motion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as fast as the model runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space: one token · ← →: previous / next token · ↑ ↓: layer · P: play / pause · + −: speed (now: %1) · F: full screen · Esc: leave classroom mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a prompt first, or pick one from &lt;b&gt;Presets&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model ended its text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model&apos;s context is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrote %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;With %1:&lt;/b&gt; the model wrote “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;As trained:&lt;/b&gt; the model wrote “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;As trained it wrote “%1”%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — the same text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — the text changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;✔ %1 = %2 is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;✘ Not right: %1 = %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Experiment: %1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationRun</name>
    <message>
        <source>reached the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model ended the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model&apos;s memory (context) is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationWorker</name>
    <message>
        <source>This model cannot run here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerDivergenceView</name>
    <message>
        <source>Difference per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How differently the two texts used the experts in each layer (Jensen-Shannon divergence)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How different? (bits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leans to math</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leans to the poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 bits: both texts used the experts in exactly the same way. 1 bit: they used completely different experts. Below %1 bits counts as almost the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The difference per layer appears when both texts have run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tiny Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

The model in use stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the experts wake up, token by token (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do math and poems wake different experts? (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total vs active parameters, from this model to DeepSeek-V3 (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A full-screen presentation for a projector, driven by the keyboard (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open any Mixtral-style GGUF model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;built-in model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;trace (CSV or JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause / continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step one token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Faster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Experiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Classroom mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show frame &amp;rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tiny Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model: %1 · %2 layers · %3 experts, %4 awake per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a prompt in Explore first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+1 / 2 / 3&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Explore / Compare / Scale&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Enter&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Run the prompt (or compare)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pause or continue&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right arrow&lt;/b&gt;&lt;/td&gt;&lt;td&gt;One token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Stop&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;- / +&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Slower / faster&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Experiments&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Open a model&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export an image&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Export the trace&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F11&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Full screen&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tiny Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tiny Experts&lt;/h3&gt;&lt;p&gt;A real, small Mixture-of-Experts language model, trained by this project, runs inside this app. Every number on screen is computed from what its router really did.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RouterChartView</name>
    <message>
        <source>router probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One bar per expert: how strongly the router of the chosen layer wanted each expert for the current token. The chosen experts are outlined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router of layer %1 for &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Router of layer %1: run a prompt or click a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expert %1: router probability %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switched off in this experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: one of the experts that worked on this token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asleep: not in the top-k</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutingCaption</name>
    <message>
        <source>expert %1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No expert slept: every one of them worked on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other expert slept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other %1 experts slept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router in layer %1 sent %2 to no expert at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router in layer %1 sent %2 to expert %3 alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router in layer %1 sent %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScaleUnits</name>
    <message>
        <source>T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScaleView</name>
    <message>
        <source>Scale calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How big are real mixture-of-experts models, and how much of them works per token?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dense comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window is small: show the chart, the table or the calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart, table or calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total and active parameters per model, log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey: all the weights in memory. Coloured: the weights one token uses. Each step on the axis is ten times more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models: total and active parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a model to read its numbers above and load it into the calculator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build your own mixture of experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many experts each MoE layer has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many of them the router wakes for each token (top-k)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weights of one expert, added up over all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights every token uses: attention, embeddings, norms, routers, shared experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thousands (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>millions (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>billions (B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unit of the two sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts used per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters per expert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total: all weights in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active: weights one token uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of the weights work per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the compute of a dense model of the same total size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formula</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this app&apos;s model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app&apos;s own model: small enough to train on a laptop in about an hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 + %2 shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameters (log scale: each step is 10 times more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in from %1: parameters per expert = (total − active) ÷ (experts − used), shared = active − used × per expert. Change any number to see what happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model list could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 parameters and wakes %3 of its %4 experts per token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its source gives no count of the parameters one token uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uses about %2 of its weights for each token: %3 of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A dense model with %1 parameters would use all %1 for every token: %2 the compute of %3&apos;s %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is about %1 times the size of this app&apos;s model (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the experts or the shared part some parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total = shared + experts × per expert = %1 + %2 × %3 = %4&lt;br&gt;active = shared + used × per expert = %1 + %5 × %3 = %6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenStripView</name>
    <message>
        <source>Token strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text one token at a time; each chip has the colour and number of the expert its token went to first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a token to see how it was routed; Left and Right step through them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model writes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token %1 &apos;%2&apos;, read from the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token %1 &apos;%2&apos;, written by the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1 %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a prompt: its tokens appear here, coloured by the expert each one went to first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TraceModel</name>
    <message>
        <source>⟨start⟩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟨end⟩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token %1 (id %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1 chose %2
Router probabilities: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token&apos;s text; ␣ is a space, ↵ a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from the prompt, or written by the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The experts layer %1 chose for the token, with their gate weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageHeatMap</name>
    <message>
        <source>Difference map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers by experts. Each cell shows how much more of the math work (plus, indigo) or of the poem&apos;s work (minus, brown) the expert did.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a math prompt and a poem to see the difference map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>indigo (+) = used more for math</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>brown (−) = used more for the poem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each number: the expert&apos;s share of the math work minus its share of the poem&apos;s work, in percentage points. Click a row to show that layer in the chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, expert %2: %3 of the math work, %4 of the poem&apos;s work (%5)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
