module github.com/kiwerkstatt/werkbank

go 1.26.5
