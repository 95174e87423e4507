// Package study turns finished training runs into a study: it reads their
// result.json files (Result, Run), groups them into configurations (Group),
// summarizes each configuration's test accuracies (Stats), compares every
// two configurations with Welch's t-test (Welch), and writes the study as
// markdown (study.md), as JSON (study.json) and as a figure.
//
// werkbank collect writes the study of a sweep; the notebooks read its
// study.json. A study is data first: the markdown is written from the same
// Study value that study.json holds, so both say the same.
//
// What a reader sees, the markdown's sentences and headers and the
// figure's texts, is in the current language (package lang), with that
// language's numbers (0,9926 in German); study.json is the same in every
// language, and werkbank collect writes English.
package study
