package lang

func init() { add(German, germanPlay) }

// germanPlay: the German of englishPlay.
var germanPlay = map[Key]string{
	"figures.gradcam.title":   "Grad-CAM von %s: wo das Netz die erkannte Ziffer sieht",
	"figures.gradcam.digit":   "Ziffer",
	"figures.gradcam.map":     "Grad-CAM",
	"figures.gradcam.overlay": "überlagert",
	"figures.gradcam.reads":   "erkennt %d (%s)",
	"figures.gradcam.caption": "Die %d×%d-Ausgaben der Filter der letzten Faltung, jeder Filter gewichtet mit dem mittleren Gradienten des Logits der Ziffer (ihres Werts vor dem Softmax), negative Summen auf 0 gesetzt, bilinear auf %d×%d vergrößert. Farbe: Anteil am Maximum der jeweiligen Karte.",

	"figures.mistakes.title":   "Die %d Testbilder mit dem größten Fehler (davon %d falsch erkannt)",
	"figures.mistakes.cell":    "Nr. %d: %d als %d (%s)",
	"figures.mistakes.caption": "Zu jedem Bild: seine Nummer in den Testdaten, die tatsächliche Ziffer, die Ziffer, die das Netz erkennt, und deren Wahrscheinlichkeit; sortiert nach dem Fehler -log p(tatsächliche Ziffer), der größte zuerst.",
}
