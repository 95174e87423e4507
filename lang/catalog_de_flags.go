package lang

func init() { add(German, germanFlags) }

// germanFlags: the help of the flags, "flags.<flag name>" (see
// englishFlags). Values to type after a flag keep the decimal point
// (--dropout=0.4), so the help shows them as they are typed; numbers in
// running text have the decimal comma.
var germanFlags = map[Key]string{
	// trainflags.Register; %s of flags.activation: the activations, comma-separated.
	"flags.filters":          "Anzahl der Filter in den vier Conv2D-Layern, durch Kommas getrennt (Blog: 32,32,32,16)",
	"flags.kernel":           "Seitenlänge der quadratischen Conv2D-Kernel (Blog: 3)",
	"flags.activation":       "Aktivierungsfunktion der Conv2D-Layer und des verborgenen Dense-Layers: %s (Blog: relu)",
	"flags.dropout":          "Rate der drei Dropout-Layer, in [0, 1); 0 heißt kein Dropout (Blog: 0.4)",
	"flags.l2":               "L2-Faktor für den Kernel des verborgenen Dense-Layers; 0 heißt keine L2-Regularisierung (Blog: 0.007)",
	"flags.dense":            "Anzahl der Neuronen im verborgenen Dense-Layer (Blog: 128)",
	"flags.pooling":          "nach den ersten drei Conv2D-Layern: max (MaxPooling2D 2x2), batchnorm (stattdessen BatchNormalization, wie es der Blog zum Ausprobieren vorschlägt) oder bn-max (die übliche Reihenfolge Conv2D, BatchNormalization, Aktivierung, MaxPooling2D)",
	"flags.epochs":           "Anzahl der Epochen (Blog: 15)",
	"flags.batch-size":       "Samples pro Schritt des Optimizers (Blog: 162)",
	"flags.optimizer":        "rmsprop, adam oder sgd, mit den Voreinstellungen von Keras (Blog: rmsprop)",
	"flags.lr":               "Lernrate; 0 steht für die Voreinstellung des Optimizers in Keras (0.001 für rmsprop und adam, 0.01 für sgd)",
	"flags.momentum":         "Momentum, für --optimizer sgd; 0 heißt kein Momentum (Voreinstellung von Keras)",
	"flags.lr-schedule":      "Verlauf der Lernrate über die Schritte: constant (Blog), step (alle --lr-every Epochen senken), plateau (ReduceLROnPlateau von Keras auf val_loss), cosine, onecycle (--lr ist der Höchstwert)",
	"flags.lr-every":         "--lr-schedule step: Epochen zwischen zwei Absenkungen; 0 heißt 5",
	"flags.lr-factor":        "--lr-schedule step oder plateau: der Faktor, mit dem jede Absenkung die Lernrate malnimmt; 0 heißt 0.5",
	"flags.lr-patience":      "--lr-schedule plateau: Epochen ohne besseren val_loss vor einer Absenkung; 0 heißt 2",
	"flags.lr-min":           "--lr-schedule plateau oder cosine: die kleinste Lernrate; 0 heißt 1e-5 bei plateau, 0 bei cosine",
	"flags.validation-split": "Anteil der Trainingsbilder, der für die Validierung zurückgehalten wird, wie in Keras die letzten; 0 heißt keine Validierung (Blog: 0.1)",
	"flags.no-shuffle":       "die Trainingsbilder nicht in jeder Epoche neu mischen (Blog: mischen)",
	"flags.seed":             "Seed für die Startgewichte, das Mischen, Dropout und die Datenaugmentierung",
	"flags.quick":            "das Kurztraining: höchstens 2 Epochen über alle Trainingsbilder, und aus einer konstanten Lernrate wird ein Zyklus bis zum Zehnfachen von --lr hinauf und wieder hinunter (das Modell des Blogs: etwa 0,99 Test-Genauigkeit in etwa einer Minute auf zwei CPU-Kernen mit ONNX Runtime)",
	"flags.augment":          "die Trainingsbilder augmentieren wie die besten MNIST-Modelle auf Kaggle: kurz für --augment-rotation=10 --augment-shift=0.1 --augment-zoom=0.1 (gib --augment-* danach an, um einen Wert zu ändern)",
	"flags.augment-rotation": "Datenaugmentierung: jedes Trainingsbild um einen zufälligen Winkel von bis zu ± so vielen Grad drehen; 0 heißt keine Drehung (üblich: 10)",
	"flags.augment-shift":    "Datenaugmentierung: jedes Trainingsbild um bis zu ± diesen Anteil seiner Breite und Höhe verschieben; 0 heißt keine Verschiebung (üblich: 0.1)",
	"flags.augment-zoom":     "Datenaugmentierung: jedes Trainingsbild je Achse um einen Faktor in [1-z, 1+z] zoomen; 0 heißt kein Zoom (üblich: 0.1)",

	// The notebooks' own flags (nb); %s of flags.mode: the environment variable.
	"flags.mode":         "Trainingszelle: shipped (lädt models/blog-cnn, wenn es das Modell des Blogs ist), quick (das Kurztraining, siehe --quick) oder full (so, wie es in den Zellen steht); Voreinstellung: $%s, sonst shipped",
	"flags.rerun":        "Notebook 03: das Experiment der Zelle hier neu ausführen (im Kurztraining oder mit --mode=full wie der Lauf des Blogs), statt seine im Repository gespeicherten Ergebnisse zu zeigen",
	"flags.seeds":        "Lauf: mit so vielen Seeds trainieren (--seed, --seed+1, …) und ihren Mittelwert an der Streuung des Ausgangsmodells messen",
	"flags.name":         "Lauf: Name des Laufs (Voreinstellung: gebildet aus den Flags, die vom Ausgangsmodell abweichen)",
	"flags.train-images": "Lauf: die ersten N Trainingsbilder verwenden, 10 %% davon für die Validierung (Blog: 60000; Voreinstellung 60000 auf einem schnellen Backend)",
	"flags.test-images":  "Lauf: auf den ersten N Testbildern auswerten (Blog: 10000; Voreinstellung 10000 auf einem schnellen Backend)",
}
