package lang

func init() { add(German, germanDraw) }

// germanDraw: the interactive cells of package nb (cells_play.go): drawing
// a digit for the net (Draw) and picking a test image with a slider
// (PickImage), and what they show where no browser can take part.
var germanDraw = map[Key]string{
	"nb.draw.clear":      "Löschen",
	"nb.draw.done":       "Fertig",
	"nb.draw.hint":       "Zeichne eine Ziffer (0 bis 9) mit der Maus oder dem Finger in das weiße Feld. Sobald du absetzt, zeigt das Netz darunter, was es sieht, was es erkennt und was seine erste Faltung daraus macht. „Löschen“ fängt neu an; „Fertig“ (oder der Stopp-Knopf ■) beendet die Zelle.",
	"nb.draw.connecting": "Verbindung zum Kernel wird hergestellt …",
	"nb.draw.nopage":     "Keine Verbindung zum Kernel: Führe diese Zelle in einem laufenden Notebook aus (make notebook), um zu zeichnen.",
	"nb.draw.ready":      "Verbunden: Zeichne eine Ziffer in das Feld.",
	"nb.draw.maps":       "Was die erste Faltung daraus macht",
	"nb.draw.blank":      "Noch ist nichts gezeichnet: Zeichne eine Ziffer in das Feld.",
	"nb.draw.unreadable": "Die Zeichnung ließ sich nicht lesen: %v",
	"nb.draw.drawing":    "Die Zeichnung",
	"nb.draw.sees":       "Was das Netz sieht (28×28)",
	"nb.draw.reads":      "Das Netz erkennt eine %d (%.1f %%).",
	"nb.draw.bars":       "Die Wahrscheinlichkeit des Netzes für jede Ziffer",
	"nb.draw.ended":      "Die Zelle ist beendet (%s): Führe sie noch einmal aus, um zu zeichnen.",
	"nb.draw.end.done":   "„Fertig“ wurde geklickt",
	"nb.draw.end.stop":   "sie wurde gestoppt",
	"nb.draw.end.idle":   "%s lang geschah nichts",
	"nb.draw.headless":   "Dieser Lauf hatte keinen Browser zum Zeichnen (nbconvert, ein HTML-Export): Öffne das Notebook live (make notebook) und führe diese Zelle aus, um selbst eine Ziffer zu zeichnen. Hier ist eine Zeichnung aus dem Repository, %s, so gezeigt, als wäre sie gerade gezeichnet worden:",
	"nb.draw.noanswer":   "Die Seite hat nicht innerhalb von %s geantwortet: Die Verbindung von GoNB zum Browser (über seine Widgets) kam nicht zustande, darum lässt sich hier nicht zeichnen. Führe die Zelle im klassischen Notebook oder in JupyterLab noch einmal aus. Hier ist eine Zeichnung aus dem Repository, %s, so gezeigt, als wäre sie gerade gezeichnet worden:",

	"nb.draw.pick.label":    "Testbild",
	"nb.draw.pick.hint":     "Bewege den Schieberegler, um eines der %s Testbilder zu wählen: Die Abbildung zeigt, was jede Faltung daraus macht (Abb 3), und daneben seinen Code aus 3x3x16 Werten (Abb 6) im Vergleich mit dem der 4 aus dem Blog. „Fertig“ (oder der Stopp-Knopf ■) beendet die Zelle.",
	"nb.draw.pick.ended":    "Die Zelle ist beendet (%s): Führe sie noch einmal aus, um Bilder zu wählen.",
	"nb.draw.pick.caption":  "Testbild %d, eine %d: Das Netz erkennt eine %d (%.1f %%).",
	"nb.draw.pick.headless": "Dieser Lauf hatte keinen Browser für den Schieberegler (nbconvert, ein HTML-Export): Öffne das Notebook live (make notebook) und führe diese Zelle aus, um selbst Bilder zu wählen. Hier Testbild %d:",
	"nb.draw.pick.noanswer": "Die Seite hat nicht innerhalb von %s geantwortet: Die Verbindung von GoNB zum Browser (über seine Widgets) kam nicht zustande, darum funktioniert der Schieberegler hier nicht. Hier Testbild %d:",
}
